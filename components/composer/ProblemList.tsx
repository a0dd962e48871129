import type { ComposerProblem } from '@/lib/composer/rules';
import { problemText } from './problems';

export interface ProblemListProps {
  id: string;
  problems: ComposerProblem[];
}

/** Why Post is disabled, in words; kept in the page (empty) so the button can point at it. */
export function ProblemList({ id, problems }: ProblemListProps) {
  return (
    <ul id={id} class="problems hint">
      {problems.map((problem, index) => (
        <li key={index}>{problemText(problem)}</li>
      ))}
    </ul>
  );
}
