; Rust tags (capture-name convention: src/core/index/extract.ts). Exported = `pub`.

(impl_item
  type: [(type_identifier) @container (generic_type type: (type_identifier) @container)]
  body: (declaration_list (function_item name: (identifier) @name body: (block) @body) @definition.method))
(trait_item body: (declaration_list (function_item name: (identifier) @name body: (block) @body) @definition.method))
(trait_item body: (declaration_list (function_signature_item name: (identifier) @name) @definition.method))
(function_item name: (identifier) @name body: (block) @body) @definition.function
(function_signature_item name: (identifier) @name) @definition.function
(trait_item name: (type_identifier) @name body: (declaration_list) @body) @definition.interface
(struct_item name: (type_identifier) @name body: (field_declaration_list) @body) @definition.class
(struct_item name: (type_identifier) @name) @definition.class
(union_item name: (type_identifier) @name body: (field_declaration_list) @body) @definition.class
(enum_item name: (type_identifier) @name body: (enum_variant_list) @body) @definition.enum
(type_item name: (type_identifier) @name) @definition.type
(mod_item name: (identifier) @name body: (declaration_list) @body) @definition.module
(mod_item name: (identifier) @name) @definition.module
(const_item name: (identifier) @name) @definition.variable
(static_item name: (identifier) @name) @definition.variable
(field_declaration name: (field_identifier) @name) @definition.property
(macro_definition name: (identifier) @name) @definition.function

(use_declaration) @import

(call_expression function: (identifier) @reference.call)
(call_expression function: (field_expression field: (field_identifier) @reference.call))
(call_expression function: (scoped_identifier name: (identifier) @reference.call))
(macro_invocation macro: (identifier) @reference.call)
(field_expression field: (field_identifier) @reference.member)
(type_identifier) @reference.type
(identifier) @reference.identifier
