// The header's export menu: one button that opens a list of exports. Each export is an item
// (label, action); new formats add items where the menu is built (workspace/ToolbarRegion.tsx).
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface ExportItem {
  id: string;
  label: string;
  disabled?: boolean;
  run: () => void | Promise<void>;
}

export function ExportMenu({ items }: { items: ExportItem[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);
  const enabled = items.some((i) => !i.disabled);
  return (
    <div className="export-menu" ref={ref}>
      <button onClick={() => setOpen(!open)} disabled={!enabled} aria-haspopup="menu" aria-expanded={open} data-testid="export-button">⇩ {t('toolbar.export')}</button>
      {open && (
        <ul role="menu" className="export-list" data-testid="export-menu">
          {items.map((i) => (
            <li key={i.id} role="none">
              <button role="menuitem" disabled={i.disabled} data-testid={`export-${i.id}`} onClick={() => { setOpen(false); void i.run(); }}>{i.label}</button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
