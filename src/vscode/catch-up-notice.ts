// What "Build Context" tells the user when it must first wait for the engine: after a burst of file events
// (a branch switch, 1,500 files removed) the ranking takes the changed files in before it ranks, which can
// take seconds with nothing else moving. Kept free of vscode, so it is tested against the real engine.
import type { EngineApi } from '../core/service/api';

/** Fewer files behind are taken in too fast to be worth a word (1,500 removals took 0.3-4 s, by file size and machine). */
export const CATCH_UP_NOTICE_FILES = 100;

/**
 * The progress message for a build that will wait for the ranking to catch up; undefined when the engine is
 * (nearly) current. Ask it before sending the build: the build's catching up runs synchronously on the engine
 * thread, so an answer asked after it would come only once there is nothing left to tell. Files whose parse
 * is still under way in the index workers are not counted yet.
 */
export async function catchUpNotice(engine: Pick<EngineApi, 'stats'>): Promise<string | undefined> {
  const { files, rebuild } = (await engine.stats()).rankingBacklog;
  if (files < CATCH_UP_NOTICE_FILES) return undefined;
  const count = files.toLocaleString('en-US');
  return rebuild ? `Ranking the workspace's ${count} files…` : `Catching up with ${count} changed files…`;
}
