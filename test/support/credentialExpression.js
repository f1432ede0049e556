// Evaluates a `={{ … }}` credential expression over `$credentials`, as n8n's expression engine
// would for these plain JavaScript expressions. Plain JS: the linted .ts tests may not build
// functions from strings.
'use strict';

function evaluateCredentialExpression(expression, credentials) {
	const body = /^=\{\{(.*)\}\}$/s.exec(String(expression))?.[1];
	if (!body) throw new Error(`not an n8n expression: ${expression}`);
	return new Function('$credentials', `return (${body});`)(credentials);
}

module.exports = { evaluateCredentialExpression };
