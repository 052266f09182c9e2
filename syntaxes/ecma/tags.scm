; Patterns shared by JavaScript, TypeScript and TSX (each inherits this file; see src/core/index/extract.ts
; for the capture-name convention). Specific patterns come before general ones: the first pattern that
; defines a name wins.

; ---- Definitions ---------------------------------------------------------------------------------

(function_declaration name: (identifier) @name body: (statement_block) @body) @definition.function
(generator_function_declaration name: (identifier) @name body: (statement_block) @body) @definition.function
(class_declaration name: (_) @name body: (class_body) @body) @definition.class
(method_definition name: (_) @name body: (statement_block) @body) @definition.method

; `const f = () => {}`, `const f = function () {}`, `const A = class {}`: functions and classes by value.
(lexical_declaration (variable_declarator name: (identifier) @name value: (arrow_function body: (statement_block) @body))) @definition.function
(variable_declaration (variable_declarator name: (identifier) @name value: (arrow_function body: (statement_block) @body))) @definition.function
(lexical_declaration (variable_declarator name: (identifier) @name value: (arrow_function))) @definition.function
(variable_declaration (variable_declarator name: (identifier) @name value: (arrow_function))) @definition.function
(lexical_declaration (variable_declarator name: (identifier) @name value: [(function_expression body: (statement_block) @body) (generator_function body: (statement_block) @body)])) @definition.function
(variable_declaration (variable_declarator name: (identifier) @name value: [(function_expression body: (statement_block) @body) (generator_function body: (statement_block) @body)])) @definition.function
(lexical_declaration (variable_declarator name: (identifier) @name value: (class body: (class_body) @body))) @definition.class
(variable_declaration (variable_declarator name: (identifier) @name value: (class body: (class_body) @body))) @definition.class

; Other variables; an object initializer is cut from the signature when it spans several lines.
(lexical_declaration (variable_declarator name: (identifier) @name value: (object) @body)) @definition.variable
(variable_declaration (variable_declarator name: (identifier) @name value: (object) @body)) @definition.variable
(lexical_declaration (variable_declarator name: (identifier) @name)) @definition.variable
(variable_declaration (variable_declarator name: (identifier) @name)) @definition.variable

; ---- Imports and exports --------------------------------------------------------------------------

(import_statement) @import
(export_statement source: (string)) @import
(call_expression function: (identifier) @_require arguments: (arguments . (string) .) (#eq? @_require "require")) @import
(call_expression function: (import) arguments: (arguments . (string))) @import

(export_statement "default" @export.name)
(export_statement "default" value: (identifier) @export.local)
(export_specifier name: (_) @export.local alias: (_) @export.name)
(export_specifier name: (_) @export.name !alias)
(export_statement (namespace_export (_) @export.name))

; CommonJS: `exports.a = …`, `module.exports.a = …`, `module.exports = { a, b: c }`.
(assignment_expression
  left: (member_expression object: (identifier) @_exports property: (property_identifier) @export.name)
  (#eq? @_exports "exports"))
(assignment_expression
  left: (member_expression
    object: (member_expression object: (identifier) @_module property: (property_identifier) @_exports)
    property: (property_identifier) @export.name)
  (#eq? @_module "module") (#eq? @_exports "exports"))
(assignment_expression
  left: (member_expression object: (identifier) @_module property: (property_identifier) @_exports)
  right: (object [(shorthand_property_identifier) @export.name (pair key: (property_identifier) @export.name)])
  (#eq? @_module "module") (#eq? @_exports "exports"))

; ---- References -------------------------------------------------------------------------------------

(call_expression function: (identifier) @reference.call)
(call_expression function: (member_expression property: (property_identifier) @reference.call))
(new_expression constructor: (identifier) @reference.call)
(new_expression constructor: (member_expression property: (property_identifier) @reference.call))
(member_expression property: (property_identifier) @reference.member)
(identifier) @reference.identifier
