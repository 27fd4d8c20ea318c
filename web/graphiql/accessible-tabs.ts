/**
 * GraphiQL 5 renders each tab as `<li role="tab">` holding two buttons (select and close). A tab
 * may not contain controls (axe: nested-interactive, serious), and a tablist may hold only tabs,
 * so no ARIA role fits a closable tab. Until GraphiQL changes its markup, its tab strip is
 * presented as what it works like: a list of buttons, the current operation's marked
 * `aria-current`, each close button named after its operation, and the session a region.
 *
 * React sets these attributes only when its props change, so a MutationObserver re-applies the
 * change after each render that touches the tabs; it writes only what differs, so it settles.
 */
export function presentTabsAsButtons(root: HTMLElement): void {
  const set = (element: Element, name: string, value: string | null): void => {
    if (element.getAttribute(name) === value) return;
    if (value === null) element.removeAttribute(name);
    else element.setAttribute(name, value);
  };
  const apply = (): void => {
    for (const list of root.querySelectorAll('.graphiql-tabs')) {
      set(list, 'role', null);
      set(list, 'aria-label', 'Operations');
    }
    for (const tab of root.querySelectorAll('.graphiql-tab')) {
      set(tab, 'role', null);
      set(tab, 'aria-selected', null);
      const select = tab.querySelector('.graphiql-tab-button');
      if (select) set(select, 'aria-current', tab.classList.contains('graphiql-tab-active') ? 'true' : null);
      const close = tab.querySelector('.graphiql-tab-close');
      if (close) set(close, 'aria-label', `Close ${select?.textContent?.trim() || 'tab'}`);
    }
    const session = root.querySelector('#graphiql-session');
    if (session) set(session, 'role', 'region');
  };
  apply();
  new MutationObserver(apply).observe(root, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['role', 'aria-selected', 'aria-label', 'class', 'title'],
  });
}
