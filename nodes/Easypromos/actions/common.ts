// Only for test/faults/easypromos.test.ts, which imports requestOptionsProperty from here and has
// another owner today: once that import reads '../../nodes/Easypromos/descriptions', delete this file.
export { requestOptionsProperty } from '../descriptions';
