// The investigations slice's shape: the home screen's list, its search, and creating investigations.
import type { RequestOf } from '../../shared/contract/channels';
import type { Investigation, InvestigationSummary } from '../../shared/contract/entities';

export interface InvestigationsSlice {
  investigations: InvestigationSummary[];
  investigationsLoaded: boolean;
  query: string;
  setQuery(query: string): void;
  loadInvestigations(): Promise<void>;
  createInvestigation(request: RequestOf<'investigations.create'>): Promise<Investigation | undefined>;
  /** Creates the worked example (it fills in live as its runs finish) and opens its lab. */
  openWorkedExample(): Promise<void>;
}
