import { useEffect, useRef } from 'react';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import type { ItemKind } from '../../../src-shared/model/index.js';
import { registerFocusTarget } from '../../app/focus.js';
import { External, baseExtensions, languageFor } from './cm-setup.js';

export interface CodeEditorProps {
  /** A new key starts a new document (own undo history) in the same view: the item id or op id. */
  docKey: string;
  value: string;
  kind: ItemKind;
  label: string;
  testId: string;
  readOnly?: boolean;
  /** Registers this editor as the "editor" focus target (Enter in the list moves here). */
  primary?: boolean;
  onChange?: (text: string) => void;
  onBlur?: () => void;
  onSave?: () => void;
  /** Asked before text from outside replaces the editor's own; false while the user's edits are unsaved. */
  acceptExternal?: () => boolean;
}

type Latest = Pick<CodeEditorProps, 'onChange' | 'onBlur' | 'onSave' | 'acceptExternal' | 'value' | 'kind'>;

/**
 * CodeMirror 6 in React. One EditorView lives as long as the component; each
 * docKey gets a fresh EditorState in it. Building a view costs far more than a
 * state, and ↑/↓ through the list switches documents on every key press.
 */
export function CodeEditor(props: CodeEditorProps) {
  const { docKey, value, kind, label, testId, readOnly = false, primary = false } = props;
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const language = useRef(new Compartment());
  const latest = useRef<Latest>({ value, kind });
  useEffect(() => {
    latest.current = {
      value,
      kind,
      onChange: props.onChange,
      onBlur: props.onBlur,
      onSave: props.onSave,
      acceptExternal: props.acceptExternal,
    };
  });

  useEffect(() => {
    const view = new EditorView({ parent: hostRef.current ?? undefined });
    viewRef.current = view;
    const unregister = primary ? registerFocusTarget('editor', () => view.focus()) : () => undefined;
    return () => {
      unregister();
      view.destroy();
      viewRef.current = null;
    };
  }, [primary]);

  useEffect(() => {
    const save = () => (latest.current.onSave?.(), true);
    viewRef.current?.setState(
      EditorState.create({
        doc: latest.current.value,
        extensions: [
          keymap.of([{ key: 'Mod-s', run: save, preventDefault: true }]),
          baseExtensions(readOnly),
          language.current.of(languageFor(latest.current.kind)),
          EditorView.contentAttributes.of({ 'aria-label': label }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged && !u.transactions.some((tr) => tr.annotation(External))) {
              latest.current.onChange?.(u.state.doc.toString());
            }
            if (u.focusChanged && !u.view.hasFocus) latest.current.onBlur?.();
          }),
        ],
      }),
    );
  }, [docKey, readOnly, label, primary]);

  useEffect(() => {
    viewRef.current?.dispatch({ effects: language.current.reconfigure(languageFor(kind)) });
  }, [kind]);

  useEffect(() => {
    const view = viewRef.current;
    if (!view || view.state.doc.toString() === value) return;
    if (latest.current.acceptExternal && !latest.current.acceptExternal()) return;
    view.dispatch({
      changes: { from: 0, to: view.state.doc.length, insert: value },
      annotations: External.of(true),
    });
  }, [value]);

  return <div ref={hostRef} className="code-editor" data-testid={testId} />;
}
