; Bash tags (capture-name convention: src/core/index/extract.ts). Exported = top level.

(function_definition name: (word) @name body: (_) @body) @definition.function
(program (variable_assignment name: (variable_name) @name) @definition.variable)
(program (declaration_command (variable_assignment name: (variable_name) @name)) @definition.variable)

(command name: (command_name (word) @_command) argument: (_) (#any-of? @_command "source" ".")) @import

(command name: (command_name (word) @reference.call))
(simple_expansion (variable_name) @reference.identifier)
(expansion (variable_name) @reference.identifier)
