// The home screen: investigations, newest first, with search and a way to start a new one. It does not load the
// list itself: the start (start-app.tsx) and every navigation home (navigate) do, and a second request made as it
// mounts would make the first answer, already on its way, one that may not land.
import { useRef } from 'react';
import { usePeel } from '../../state/store';
import { Kbd } from '../../ui/Kbd';
import { useFocusRequest } from '../../ui/use-focus-request';
import { InvestigationRow } from './InvestigationRow';

export function HomeScreen() {
  const investigations = usePeel((s) => s.investigations);
  const loaded = usePeel((s) => s.investigationsLoaded);
  const query = usePeel((s) => s.query);
  const setQuery = usePeel((s) => s.setQuery);
  const openOverlay = usePeel((s) => s.openOverlay);
  const openWorkedExample = usePeel((s) => s.openWorkedExample);
  const searchRef = useRef<HTMLInputElement>(null);
  useFocusRequest('search', searchRef);

  return (
    <main className="home" aria-labelledby="home-title">
      <header className="home-header">
        <div>
          <h1 id="home-title">Investigations</h1>
          <p className="muted">
            Make it fail, look, peel it down to one operator, prove the fix. Every step is on the record.
          </p>
        </div>
        <div className="home-actions">
          <button type="button" className="button" onClick={() => void openWorkedExample()}>
            Open the worked example
          </button>
          <button type="button" className="button" onClick={() => openOverlay('import-bundle')}>
            Import a bundle…
          </button>
          <button type="button" className="button primary" onClick={() => openOverlay('new-investigation')}>
            New investigation <Kbd shortcut="N" />
          </button>
        </div>
      </header>
      <div className="search-row">
        <input
          ref={searchRef}
          type="search"
          className="search"
          placeholder="Search titles and summaries"
          aria-label="Search investigations"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <Kbd shortcut="/" />
      </div>
      {loaded && investigations.length === 0 && (
        <div className="empty-state">
          {query ? (
            <p>No investigation matches “{query}”.</p>
          ) : (
            <>
              <h2>No investigations yet</h2>
              <p className="muted">
                Start one when a job misbehaves: give it a title, what you saw, and when it started. Peel
                walks you through Agans' nine rules from there.
              </p>
              <div className="empty-actions">
                <button
                  type="button"
                  className="button primary"
                  onClick={() => openOverlay('new-investigation')}
                >
                  Start an investigation
                </button>
              </div>
              <p className="muted small">
                The worked example is the Pinterest direct-memory leak solved step by step in Peel: the same
                experiments, runs, notes and hypotheses you would make, with its audit trail.
              </p>
            </>
          )}
        </div>
      )}
      <ul className="investigation-list" aria-label="Investigations">
        {investigations.map((investigation) => (
          <InvestigationRow key={investigation.id} investigation={investigation} />
        ))}
      </ul>
    </main>
  );
}
