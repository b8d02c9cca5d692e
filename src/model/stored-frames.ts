// The tables of frames with identity across calls (src/model/frame-identity.ts fills them):
// which state variables can hold a procedure's frames, and where inside their values. Types only,
// so the lowering context can hold them without importing the code that computes them.

/** Where `frame<p>` values sit inside a value of some type; absent parts hold none. */
export type FrameShape =
  | { readonly kind: 'frame' }
  | { readonly kind: 'optional'; readonly inner: FrameShape }
  | {
      readonly kind: 'record';
      readonly fields: readonly { readonly name: string; readonly shape: FrameShape }[];
    }
  | { readonly kind: 'set'; readonly element: FrameShape }
  | { readonly kind: 'seq'; readonly element: FrameShape }
  | { readonly kind: 'map'; readonly value: FrameShape };

/** A state variable that can hold frames of one procedure. */
export interface StoredFrameVar {
  readonly variable: string;
  /** A function over threads (thread, process-local, frame and loop variables). */
  readonly perThread: boolean;
  readonly shape: FrameShape;
}

/** One procedure whose frames outlive nothing: its tombstone and the variables to rewrite. */
export interface StoredFrames {
  /** The model value a reference to a returned call becomes. */
  readonly dead: string;
  readonly vars: readonly StoredFrameVar[];
}
