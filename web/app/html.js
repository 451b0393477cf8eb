// One import for the pages: Preact's h/render, htm's tagged template, and the hooks.
export { html, render, h } from 'htm/preact';
export { createContext, Fragment } from 'preact';
export { useCallback, useContext, useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
