import type { ReactNode } from 'react';
import type { ToolId } from '../../lib/editor/tools';

export function Icon({ children, size = 20 }: { children: ReactNode; size?: number }) {
  return (
    <svg
      aria-hidden="true"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {children}
    </svg>
  );
}

export const TOOL_ICONS: Record<ToolId, ReactNode> = {
  select: (
    <Icon>
      <path d="M5 3l14 8-6 1.5L10 19z" />
    </Icon>
  ),
  hand: (
    <Icon>
      <path d="M8 12V5.5a1.5 1.5 0 013 0V11m0-6.5a1.5 1.5 0 013 0V11m0-5a1.5 1.5 0 013 0v7c0 4-2.5 7-6.5 7-3 0-4.5-1.5-6-4l-2-3.5a1.5 1.5 0 012.6-1.5L8 14" />
    </Icon>
  ),
  pen: (
    <Icon>
      <path d="M4 20l1-4L16 5l3 3L8 19z" />
      <path d="M14 7l3 3" />
    </Icon>
  ),
  rectangle: (
    <Icon>
      <rect x="4" y="6" width="16" height="12" rx="1" />
    </Icon>
  ),
  ellipse: (
    <Icon>
      <ellipse cx="12" cy="12" rx="8.5" ry="6.5" />
    </Icon>
  ),
  diamond: (
    <Icon>
      <path d="M12 3l9 9-9 9-9-9z" />
    </Icon>
  ),
  line: (
    <Icon>
      <path d="M5 19L19 5" />
    </Icon>
  ),
  arrow: (
    <Icon>
      <path d="M5 19L19 5M10 5h9v9" />
    </Icon>
  ),
  text: (
    <Icon>
      <path d="M5 6V4h14v2M12 4v16M9 20h6" />
    </Icon>
  ),
  sticky: (
    <Icon>
      <path d="M4 4h16v10l-6 6H4z" />
      <path d="M14 20v-6h6" />
    </Icon>
  ),
  eraser: (
    <Icon>
      <path d="M8 20h12M5.5 15.5l9-9a2 2 0 012.8 0l2.2 2.2a2 2 0 010 2.8L12 19H8.5z" />
      <path d="M10 11l5 5" />
    </Icon>
  ),
  laser: (
    <Icon>
      <circle cx="17" cy="7" r="2.5" />
      <path d="M4 20c3-1 5-4 7-7s3-4 4-4.5" />
    </Icon>
  ),
};

export const UNDO_ICON = (
  <Icon>
    <path d="M9 14L4 9l5-5" />
    <path d="M4 9h11a5 5 0 010 10h-3" />
  </Icon>
);

export const REDO_ICON = (
  <Icon>
    <path d="M15 14l5-5-5-5" />
    <path d="M20 9H9a5 5 0 000 10h3" />
  </Icon>
);

export const PLUS_ICON = (
  <Icon size={18}>
    <path d="M12 5v14M5 12h14" />
  </Icon>
);

export const MINUS_ICON = (
  <Icon size={18}>
    <path d="M5 12h14" />
  </Icon>
);

export const GRID_ICON = (
  <Icon size={18}>
    <path d="M4 9h16M4 15h16M9 4v16M15 4v16" />
  </Icon>
);

export const FIT_ICON = (
  <Icon size={18}>
    <path d="M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5" />
  </Icon>
);

export const MOON_ICON = (
  <Icon size={18}>
    <path d="M20 14.5A8 8 0 019.5 4a8 8 0 1010.5 10.5z" />
  </Icon>
);

export const SUN_ICON = (
  <Icon size={18}>
    <circle cx="12" cy="12" r="4" />
    <path d="M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4" />
  </Icon>
);

export const HELP_ICON = (
  <Icon size={18}>
    <circle cx="12" cy="12" r="9" />
    <path d="M9.5 9.5a2.5 2.5 0 014.8 1c0 1.7-2.3 2-2.3 3.5M12 17h.01" />
  </Icon>
);
