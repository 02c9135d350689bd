import { Annotation, EditorState, type Extension } from '@codemirror/state';
import {
  EditorView,
  crosshairCursor,
  drawSelection,
  dropCursor,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  rectangularSelection,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import {
  HighlightStyle,
  bracketMatching,
  foldGutter,
  foldKeymap,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { javascript } from '@codemirror/lang-javascript';
import { yaml } from '@codemirror/lang-yaml';
import { tags as t } from '@lezer/highlight';
import type { ItemKind } from '../../../src-shared/model/index.js';
import { yamlLint } from './yaml-lint.js';

/** Marks text the app put in the editor (not typed), so it does not count as an edit to save. */
export const External = Annotation.define<boolean>();

/** Components are YAML (parse errors underlined); code kinds get TypeScript highlighting; docs are plain text. */
export function languageFor(kind: ItemKind): Extension {
  if (kind === 'component') return [yaml(), yamlLint()];
  if (kind === 'doc') return EditorView.lineWrapping;
  return javascript({ typescript: true });
}

/** Colours come from the app's CSS variables, so the editor follows the light/dark theme by itself. */
const highlight = HighlightStyle.define([
  {
    tag: [t.keyword, t.modifier, t.controlKeyword, t.operatorKeyword, t.definitionKeyword, t.moduleKeyword],
    color: 'var(--syntax-keyword)',
  },
  { tag: [t.string, t.special(t.string), t.regexp, t.content], color: 'var(--syntax-string)' },
  { tag: [t.number, t.bool, t.null, t.atom], color: 'var(--syntax-number)' },
  { tag: [t.comment, t.lineComment, t.blockComment], color: 'var(--syntax-comment)', fontStyle: 'italic' },
  { tag: [t.typeName, t.className, t.namespace], color: 'var(--syntax-type)' },
  {
    tag: [t.function(t.variableName), t.function(t.propertyName), t.definition(t.function(t.variableName))],
    color: 'var(--syntax-function)',
  },
  { tag: [t.propertyName, t.definition(t.propertyName), t.attributeName], color: 'var(--syntax-property)' },
  { tag: [t.punctuation, t.bracket, t.separator, t.operator], color: 'var(--syntax-punctuation)' },
  { tag: [t.meta, t.documentMeta], color: 'var(--syntax-comment)' },
  { tag: t.invalid, color: 'var(--danger)' },
]);

const theme = EditorView.theme({
  '&': { color: 'var(--text)', backgroundColor: 'var(--bg)', height: '100%', fontSize: '13px' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.6' },
  '.cm-content': { caretColor: 'var(--editor-cursor)', padding: '12px 0' },
  '.cm-line': { padding: '0 16px 0 8px' },
  '.cm-gutters': { backgroundColor: 'var(--bg)', color: 'var(--editor-gutter)', border: 'none' },
  '.cm-lineNumbers .cm-gutterElement': { padding: '0 4px 0 16px', minWidth: '28px' },
  '.cm-activeLine': { backgroundColor: 'var(--editor-active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'transparent', color: 'var(--text-muted)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--editor-cursor)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection':
    { backgroundColor: 'var(--editor-selection)' },
  '.cm-selectionMatch': { backgroundColor: 'var(--editor-selection)' },
  '&.cm-focused .cm-matchingBracket': {
    backgroundColor: 'var(--bg-active)',
    outline: '1px solid var(--border-strong)',
  },
  '.cm-foldPlaceholder': {
    backgroundColor: 'var(--bg-subtle)',
    border: '1px solid var(--border)',
    color: 'var(--text-muted)',
  },
  '.cm-panels': { backgroundColor: 'var(--bg-sidebar)', color: 'var(--text)' },
  '.cm-panels.cm-panels-top': { borderBottom: '1px solid var(--border)' },
  '.cm-panels.cm-panels-bottom': { borderTop: '1px solid var(--border)' },
  '.cm-searchMatch': { backgroundColor: 'var(--warning-bg)', outline: '1px solid var(--warning)' },
  '.cm-tooltip': {
    backgroundColor: 'var(--bg-raised)',
    border: '1px solid var(--border)',
    color: 'var(--text)',
  },
  '.cm-textfield': {
    backgroundColor: 'var(--bg-input)',
    border: '1px solid var(--border-strong)',
    color: 'var(--text)',
    borderRadius: '4px',
  },
  '.cm-button': {
    backgroundImage: 'none',
    backgroundColor: 'var(--bg-subtle)',
    border: '1px solid var(--border)',
    color: 'var(--text)',
  },
});

/** The editing setup shared by the item editor and the read-only history viewer. */
export function baseExtensions(readOnly: boolean): Extension[] {
  const common: Extension[] = [
    lineNumbers(),
    foldGutter(),
    highlightSpecialChars(),
    drawSelection(),
    syntaxHighlighting(highlight),
    bracketMatching(),
    highlightSelectionMatches(),
    theme,
    EditorState.tabSize.of(2),
    EditorState.readOnly.of(readOnly),
    keymap.of([...defaultKeymap, ...searchKeymap, ...foldKeymap]),
  ];
  if (readOnly) return common;
  return [
    // Listed first so these bindings win over the default keymap (e.g. Backspace between brackets).
    // Tab indents; Esc then Tab still moves focus out of the editor (CodeMirror's escape hatch).
    keymap.of([...closeBracketsKeymap, ...historyKeymap, indentWithTab]),
    ...common,
    history(),
    dropCursor(),
    indentOnInput(),
    closeBrackets(),
    rectangularSelection(),
    crosshairCursor(),
    highlightActiveLine(),
    highlightActiveLineGutter(),
  ];
}
