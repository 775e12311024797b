import type { IDataObject } from 'n8n-workflow';

import { leeviaMultipartName } from '../transport/api';

/**
 * A registration with a file, as multipart: nested objects become `acceptances[rules]` style fields
 * and the file sits beside them under its field identifier (both as api.ts's leeviaMultipartName says).
 */
export function toMultipart(
	participant: IDataObject,
	file: { field: string; content: Buffer; fileName: string; mimeType: string },
): FormData {
	const form = new FormData();
	const append = (key: string, value: unknown) => {
		if (value !== null && typeof value === 'object') {
			for (const [child, childValue] of Object.entries(value))
				append(leeviaMultipartName(key, child), childValue);
		} else {
			form.append(key, String(value));
		}
	};
	for (const [key, value] of Object.entries(participant)) append(key, value);
	form.append(file.field, new Blob([file.content], { type: file.mimeType }), file.fileName);
	return form;
}
