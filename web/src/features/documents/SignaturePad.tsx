import { useEffect, useRef, useState } from "preact/hooks";

/**
 * The drawn signature: a canvas (pointer, touch or pen) whose PNG goes into the form's
 * hidden `signaturePng` field on every stroke. Keyboard and screen-reader users need not
 * draw: "Use my typed name" writes the typed name onto the canvas in a script face — the
 * typed name is the legally sufficient part; the drawing only adds to it. Without
 * JavaScript the page shows the same choice as a plain note (see the page).
 */
export interface SignaturePadProps {
  /** id of the text input holding the typed name. */
  nameInputId: string;
}

const WIDTH = 600;
const HEIGHT = 200;

export default function SignaturePad({ nameInputId }: SignaturePadProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [signed, setSigned] = useState(false);
  const [status, setStatus] = useState("");

  const context = () => {
    const ctx = canvas.current!.getContext("2d")!;
    ctx.lineWidth = 3;
    ctx.lineCap = "round";
    ctx.strokeStyle = "#1f2328";
    return ctx;
  };
  const field = () => document.getElementById("signaturePng") as HTMLInputElement | null;
  const save = () => {
    const input = field();
    if (input) input.value = canvas.current!.toDataURL("image/png");
    setSigned(true);
  };
  const clear = () => {
    const ctx = canvas.current!.getContext("2d")!;
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, WIDTH, HEIGHT);
    const input = field();
    if (input) input.value = "";
    setSigned(false);
  };
  useEffect(clear, []);

  const point = (event: PointerEvent) => {
    const box = canvas.current!.getBoundingClientRect();
    return [((event.clientX - box.left) / box.width) * WIDTH, ((event.clientY - box.top) / box.height) * HEIGHT] as const;
  };
  const down = (event: PointerEvent) => {
    drawing.current = true;
    canvas.current!.setPointerCapture(event.pointerId);
    const [x, y] = point(event);
    const ctx = context();
    ctx.beginPath();
    ctx.moveTo(x, y);
  };
  const move = (event: PointerEvent) => {
    if (!drawing.current) return;
    const [x, y] = point(event);
    const ctx = context();
    ctx.lineTo(x, y);
    ctx.stroke();
  };
  const up = () => {
    if (!drawing.current) return;
    drawing.current = false;
    save();
    setStatus("Signature drawn.");
  };
  const useTypedName = () => {
    const name = (document.getElementById(nameInputId) as HTMLInputElement | null)?.value.trim() ?? "";
    if (!name) {
      setStatus("Type your full name first, then choose “Use my typed name”.");
      (document.getElementById(nameInputId) as HTMLInputElement | null)?.focus();
      return;
    }
    clear();
    const ctx = context();
    ctx.fillStyle = "#1f2328";
    ctx.font = "italic 48px 'Brush Script MT', 'Segoe Script', cursive";
    ctx.textBaseline = "middle";
    ctx.fillText(name, 24, HEIGHT / 2, WIDTH - 48);
    save();
    setStatus(`Your typed name “${name}” will be used as your signature.`);
  };

  return (
    <div class="signature-pad stack">
      <canvas
        ref={canvas}
        width={WIDTH}
        height={HEIGHT}
        role="img"
        aria-label={signed ? "Your signature" : "Signature box: draw your signature here with a finger, pen or mouse"}
        style={{ width: "100%", maxWidth: `${WIDTH}px`, aspectRatio: `${WIDTH} / ${HEIGHT}`, border: "1px solid #57606a", borderRadius: "6px", touchAction: "none", background: "#fff" }}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerLeave={up}
      />
      <div class="cluster">
        <button type="button" class="button secondary" onClick={useTypedName}>Use my typed name</button>
        <button type="button" class="button secondary" onClick={() => { clear(); setStatus("Signature cleared."); }}>Clear</button>
      </div>
      <p role="status" aria-live="polite" class="hint">{status}</p>
    </div>
  );
}
