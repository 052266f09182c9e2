; inherits: ecma jsx
; JavaScript-only patterns (class fields differ from TypeScript's).
(field_definition property: (property_identifier) @name) @definition.property
