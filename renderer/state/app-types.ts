// The app slice's shape: where the user is, what the host told us about itself, failures to show.
import type { AppInfo } from '../../shared/contract/entities';

export type Route =
  | { name: 'home' }
  | { name: 'investigation'; id: string }
  /** The drill list (trainee) and the cohort of imported drills (instructor). */
  | { name: 'drills' }
  | { name: 'cohort' }
  /** The instructor's author screen: write, preview and save a drill. */
  | { name: 'drill-author' };

export interface Notice {
  id: number;
  tone: 'error' | 'info';
  message: string;
}

export interface AppSlice {
  info: AppInfo | null;
  route: Route;
  notices: Notice[];
  loadInfo(): Promise<void>;
  navigate(route: Route): void;
  notify(tone: Notice['tone'], message: string): void;
  dismissNotice(id: number): void;
  /** Runs an action, turning a failure into a notice instead of an unhandled rejection. */
  attempt<T>(action: () => Promise<T>): Promise<T | undefined>;
}
