/**
 * Request Options → Pages at Once shows where an operation reads a list, and not on Register, which
 * sends one request an item: n8n's own display rules decide, as the editor applies them.
 */
import type { INodeParameters, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { Leevia } from '../../nodes/Leevia/Leevia.node';

const description = new Leevia().description;
const requestOptions = description.properties.find(
	(property) => property.name === 'requestOptions',
)!;

/** The Request Options the editor offers for `resource` → `operation`, by name. */
function offered(resource: string, operation: string): string[] {
	const nodeValues = { parameters: { resource, operation, requestOptions: {} } as INodeParameters };
	return (requestOptions.options as INodeProperties[])
		.filter((option) =>
			NodeHelpers.displayParameterPath(
				nodeValues,
				option,
				'parameters.requestOptions',
				{ typeVersion: 1 },
				description,
			),
		)
		.map((option) => option.name);
}

test('Pages at Once is offered on the list operations and not on Register', () => {
	expect(offered('participant', 'getAll')).toEqual(['pagesAtOnce', 'timeout']);
	expect(offered('campaign', 'getAll')).toEqual(['pagesAtOnce', 'timeout']);
	expect(offered('participant', 'register')).toEqual(['timeout']);
});
