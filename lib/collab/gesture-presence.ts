/**
 * What the own gestures show others while they happen: the live preview of a stroke, drag,
 * resize or text being typed (throttled to the awareness rate), and the laser trail (published
 * again, empty, once it has faded). Neither is ever stored in the document.
 */
import type { Awareness } from 'y-protocols/awareness';
import type { Editor } from '../editor/editor';
import { LASER_FADE_MS, laserToWire } from '../presence/laser';
import { encodePreview, samePreview } from '../presence/preview';
import type { PresenceState } from '../presence/schema';
import { AWARENESS_THROTTLE_MS } from '../protocol/limits';
import { throttle } from '../presence/throttle';

/** Publishes the editor's gestures into the own awareness state until the returned stop. */
export function publishGestures(editor: Editor, awareness: Awareness, flushAwareness: () => void): () => void {
  const ownPreview = () => awareness.getLocalState()?.preview as PresenceState['preview'];

  const sendPreview = throttle(() => {
    const preview = encodePreview(editor.livePreview(), (id) => editor.shapeById(id));
    if (!samePreview(preview, ownPreview())) awareness.setLocalStateField('preview', preview ?? undefined);
  }, AWARENESS_THROTTLE_MS);

  const onScene = () => {
    const gesture = editor.livePreview();
    if (gesture.shape || gesture.move || (gesture.edits && gesture.edits.length > 0)) {
      sendPreview();
      return;
    }
    // The gesture ended: its document update is on its way, the preview goes right after it.
    sendPreview.cancel();
    if (ownPreview() !== undefined) {
      awareness.setLocalStateField('preview', undefined);
      flushAwareness();
    }
  };

  let laserTimer: ReturnType<typeof setTimeout> | null = null;
  const publishLaser = () => {
    const publish = () => awareness.setLocalStateField('laser', laserToWire(editor.laserTrail(), performance.now()));
    publish();
    if (laserTimer) clearTimeout(laserTimer);
    laserTimer = setTimeout(publish, LASER_FADE_MS + 50);
  };

  const stops = [editor.onSceneChange(onScene), editor.onLaserChange(publishLaser)];
  return () => {
    for (const stop of stops) stop();
    sendPreview.cancel();
    if (laserTimer) clearTimeout(laserTimer);
  };
}
