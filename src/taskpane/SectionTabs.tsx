/**
 * The pane's sections as a tab list (WAI-ARIA tabs pattern: one Tab stop, arrows/Home/End move and
 * select). Written here rather than Fluent's TabList because that one inserts focusable aria-hidden
 * focus sentinels (tabster's dummy inputs), which axe reports as a serious violation.
 */
import { useRef, type KeyboardEvent } from "react";
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  list: {
    display: "flex",
    // Short names fit five sections on one line of a 350 px pane; a longer language wraps rather
    // than scroll sideways.
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalXXS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  tab: {
    position: "relative",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXS}`,
    border: "none",
    background: "none",
    cursor: "pointer",
    color: tokens.colorNeutralForeground2,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    borderRadius: tokens.borderRadiusMedium,
    ":hover": { color: tokens.colorNeutralForeground1, backgroundColor: tokens.colorSubtleBackgroundHover },
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  selected: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    "::after": {
      content: '""',
      position: "absolute",
      left: tokens.spacingHorizontalXS,
      right: tokens.spacingHorizontalXS,
      bottom: "-1px",
      height: tokens.strokeWidthThicker,
      borderRadius: tokens.borderRadiusCircular,
      backgroundColor: tokens.colorCompoundBrandStroke,
    },
  },
});

export function SectionTabs<T extends string>({
  sections,
  selected,
  label,
  title,
  onSelect,
}: {
  sections: readonly T[];
  selected: T;
  label: string;
  title: (section: T) => string;
  onSelect: (section: T) => void;
}) {
  const styles = useStyles();
  const refs = useRef(new Map<T, HTMLButtonElement>());
  const move = (to: number) => {
    const section = sections[(to + sections.length) % sections.length];
    onSelect(section);
    refs.current.get(section)?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const at = sections.indexOf(selected);
    const next: Record<string, number> = {
      ArrowRight: at + 1,
      ArrowLeft: at - 1,
      Home: 0,
      End: sections.length - 1,
    };
    if (e.key in next) {
      e.preventDefault();
      move(next[e.key]);
    }
  };
  return (
    <div role="tablist" aria-label={label} className={styles.list} onKeyDown={onKeyDown}>
      {sections.map((s) => (
        <button
          key={s}
          ref={(el) => {
            if (el) refs.current.set(s, el);
            else refs.current.delete(s);
          }}
          type="button"
          role="tab"
          id={`tab-${s}`}
          aria-selected={s === selected}
          aria-controls={s === selected ? `panel-${s}` : undefined}
          tabIndex={s === selected ? 0 : -1}
          className={mergeClasses(styles.tab, s === selected && styles.selected)}
          onClick={() => onSelect(s)}
        >
          {title(s)}
        </button>
      ))}
    </div>
  );
}
