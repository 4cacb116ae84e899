/** Narrow a long list of people to those matching what was typed; ticked people always stay. */
export function matchesFilter(text: string, query: string): boolean {
  const words = query.toLocaleLowerCase('en-IE').split(/\s+/).filter(Boolean);
  const hay = text.toLocaleLowerCase('en-IE');
  return words.every((w) => hay.includes(w));
}

/** Hides the `.choice` rows of `list` that do not match; returns how many are shown. */
export function applyFilter(list: ParentNode, query: string): number {
  let shown = 0;
  for (const row of list.querySelectorAll<HTMLElement>('.choice[data-participant]')) {
    const ticked = row.querySelector<HTMLInputElement>('input')?.checked ?? false;
    const visible = ticked || matchesFilter(row.textContent ?? '', query);
    row.hidden = !visible;
    if (visible) shown++;
  }
  return shown;
}
