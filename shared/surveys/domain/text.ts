import { charCount, groupedNumber, unsafeTextProblem as kernelTextProblem } from '../../kernel/index.js';

/** Survey answers and titles follow the kernel's text rules (free text: line breaks allowed). */
export { charCount, groupedNumber };
export const unsafeTextProblem = (s: string) => kernelTextProblem(s, { multiline: true });
