; PHP tags (capture-name convention: src/core/index/extract.ts). Exported = top level.

(function_definition name: (name) @name body: (compound_statement) @body) @definition.function
(class_declaration name: (name) @name body: (declaration_list) @body) @definition.class
(trait_declaration name: (name) @name body: (declaration_list) @body) @definition.class
(interface_declaration name: (name) @name body: (declaration_list) @body) @definition.interface
(enum_declaration name: (name) @name body: (enum_declaration_list) @body) @definition.enum
(method_declaration name: (name) @name body: (compound_statement) @body) @definition.method
(method_declaration name: (name) @name) @definition.method
(property_declaration (property_element name: (variable_name (name) @name))) @definition.property
(const_declaration (const_element (name) @name)) @definition.variable
(namespace_definition name: (namespace_name) @name body: (compound_statement) @body) @definition.module

(namespace_use_declaration) @import
(require_expression) @import
(require_once_expression) @import
(include_expression) @import
(include_once_expression) @import

(function_call_expression function: (name) @reference.call)
(function_call_expression function: (qualified_name (name) @reference.call))
(member_call_expression name: (name) @reference.call)
(scoped_call_expression name: (name) @reference.call)
(object_creation_expression (name) @reference.call)
(member_access_expression name: (name) @reference.member)
(named_type (name) @reference.type)
(base_clause (name) @reference.type)
(name) @reference.identifier
