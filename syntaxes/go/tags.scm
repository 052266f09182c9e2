; Go tags (capture-name convention: src/core/index/extract.ts). Exported = capitalised (extract-exports.ts).

(function_declaration name: (identifier) @name body: (block) @body) @definition.function
(method_declaration
  receiver: (parameter_list (parameter_declaration type: [
    (type_identifier) @container
    (pointer_type (type_identifier) @container)
    (generic_type type: (type_identifier) @container)
    (pointer_type (generic_type type: (type_identifier) @container))]))
  name: (field_identifier) @name
  body: (block) @body) @definition.method

; `type T struct {…}` alone takes the whole declaration (with `type`); grouped specs take their own.
(type_declaration . (type_spec name: (type_identifier) @name type: (struct_type (field_declaration_list) @body)) .) @definition.class
(type_declaration . (type_spec name: (type_identifier) @name type: (interface_type) @body) .) @definition.interface
(type_declaration . (type_spec name: (type_identifier) @name) .) @definition.type
(type_spec name: (type_identifier) @name type: (struct_type (field_declaration_list) @body)) @definition.class
(type_spec name: (type_identifier) @name type: (interface_type) @body) @definition.interface
(type_spec name: (type_identifier) @name) @definition.type
(type_alias name: (type_identifier) @name) @definition.type
(field_declaration name: (field_identifier) @name) @definition.property
(method_elem name: (field_identifier) @name) @definition.method

(source_file (var_declaration (var_spec name: (identifier) @name)) @definition.variable)
(source_file (const_declaration (const_spec name: (identifier) @name)) @definition.variable)

(import_spec) @import

(call_expression function: (identifier) @reference.call)
(call_expression function: (selector_expression field: (field_identifier) @reference.call))
(selector_expression field: (field_identifier) @reference.member)
(type_identifier) @reference.type
(identifier) @reference.identifier
