/** Folders to climb from one file's folder to reach the other's: 0 in the same folder. */
export function folderDistance(a: string, b: string): number {
  const left = a.split('/').slice(0, -1);
  const right = b.split('/').slice(0, -1);
  let shared = 0;
  while (shared < left.length && shared < right.length && left[shared] === right[shared]) shared++;
  return left.length - shared + (right.length - shared);
}
