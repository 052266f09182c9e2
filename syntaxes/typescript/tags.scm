; inherits: ecma
; TypeScript declarations beyond the shared ECMAScript ones.

(abstract_class_declaration name: (type_identifier) @name body: (class_body) @body) @definition.class
(interface_declaration name: (type_identifier) @name body: (interface_body) @body) @definition.interface
(type_alias_declaration name: (type_identifier) @name value: (object_type) @body) @definition.type
(type_alias_declaration name: (type_identifier) @name) @definition.type
(enum_declaration name: (identifier) @name body: (enum_body) @body) @definition.enum
(internal_module name: (_) @name body: (statement_block) @body) @definition.module
(function_signature name: (identifier) @name) @definition.function
(abstract_method_signature name: (_) @name) @definition.method
(method_signature name: (_) @name) @definition.method
(property_signature name: (_) @name) @definition.property
(public_field_definition name: (_) @name value: (arrow_function body: (statement_block) @body)) @definition.method
(public_field_definition name: (_) @name) @definition.property
; Constructor parameter properties (`constructor(private readonly index: Index)`) are fields of the class.
(class_declaration
  name: (type_identifier) @container
  body: (class_body
    (method_definition
      name: (property_identifier) @_constructor
      parameters: (formal_parameters
        [(required_parameter (accessibility_modifier) pattern: (identifier) @name)
         (optional_parameter (accessibility_modifier) pattern: (identifier) @name)] @definition.property)))
  (#eq? @_constructor "constructor"))

(type_identifier) @reference.type
