; Ruby tags (capture-name convention: src/core/index/extract.ts). Exported = top level.

(class body: (body_statement (method name: (_) @name body: (_) @body) @definition.method))
(class body: (body_statement (method name: (_) @name) @definition.method))
(module body: (body_statement (method name: (_) @name body: (_) @body) @definition.method))
(module body: (body_statement (method name: (_) @name) @definition.method))
(method name: (_) @name body: (_) @body) @definition.function
(method name: (_) @name) @definition.function
(singleton_method name: (_) @name body: (_) @body) @definition.method
(singleton_method name: (_) @name) @definition.method
(class name: (_) @name body: (_) @body) @definition.class
(class name: (_) @name) @definition.class
(module name: (_) @name body: (_) @body) @definition.module
(module name: (_) @name) @definition.module
(assignment left: (constant) @name) @definition.variable

(call method: (identifier) @_require arguments: (argument_list . (string)) (#any-of? @_require "require" "require_relative")) @import

(call method: (identifier) @reference.call)
(constant) @reference.type
(identifier) @reference.identifier
