/**
 * A model parameter value that cannot be sent. Thrown by the pure validators; the node turns
 * it into a NodeOperationError for the item. `field` is the parameter name as the API knows
 * it, `hint` says what would be accepted.
 */
export class ParameterError extends Error {
	readonly field: string;

	readonly hint?: string;

	constructor(field: string, message: string, hint?: string) {
		super(message);
		this.name = 'ParameterError';
		this.field = field;
		this.hint = hint;
	}
}

export function isParameterError(error: unknown): error is ParameterError {
	return error instanceof ParameterError || (error as { name?: string } | undefined)?.name === 'ParameterError';
}
