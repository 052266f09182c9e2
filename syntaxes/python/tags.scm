; Python tags (capture-name convention: src/core/index/extract.ts). The first pattern that defines a
; name wins, so methods and class attributes come before plain functions and variables.

; ---- Definitions ---------------------------------------------------------------------------------

(class_definition body: (block (function_definition name: (identifier) @name body: (block) @body) @definition.method))
(class_definition body: (block (decorated_definition definition: (function_definition name: (identifier) @name body: (block) @body) @definition.method)))
(class_definition body: (block (expression_statement (assignment left: (identifier) @name)) @definition.property))
; Instance attributes set in `__init__` (`self.x = x`, at the top of its body): the members an instance
; offers besides its methods, which an outline of the class then shows. Their owner is the class.
(class_definition
  name: (identifier) @container
  body: (block (function_definition
    name: (identifier) @_init
    parameters: (parameters . (identifier) @_self)
    body: (block (expression_statement (assignment left: (attribute object: (identifier) @_object attribute: (identifier) @name))) @definition.property)))
  (#eq? @_init "__init__")
  (#eq? @_self @_object))
(class_definition name: (identifier) @name body: (block) @body) @definition.class
(function_definition name: (identifier) @name body: (block) @body) @definition.function

; Module-level variables (`X = 1`, `X: int = 1`); a multi-line literal is cut from the signature.
(module (expression_statement (assignment left: (identifier) @name right: [(dictionary) (list) (set) (tuple) (call)] @body)) @definition.variable)
(module (expression_statement (assignment left: (identifier) @name)) @definition.variable)

; ---- Imports and exports --------------------------------------------------------------------------

(import_statement) @import
(import_from_statement) @import

(module (expression_statement (assignment
  left: (identifier) @_all
  right: [(list (string (string_content) @export.name)) (tuple (string (string_content) @export.name))])
  (#eq? @_all "__all__")))

; ---- References -------------------------------------------------------------------------------------

(call function: (identifier) @reference.call)
(call function: (attribute attribute: (identifier) @reference.call))
(type (identifier) @reference.type)
(type (generic_type (identifier) @reference.type))
(type (attribute attribute: (identifier) @reference.type))
(class_definition superclasses: (argument_list (identifier) @reference.type))
(attribute attribute: (identifier) @reference.member)
(identifier) @reference.identifier
