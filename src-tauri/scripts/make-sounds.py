#!/usr/bin/env python3
"""Writes the kiosk's feedback sounds to assets/sounds/ (8 kHz, 16-bit mono WAV), so they are
reproducible: accepted (one short high beep), refused (two low buzzes), done (a rising chirp).
Run from the repository root: python3 src-tauri/scripts/make-sounds.py"""
import math, struct, wave

RATE = 8000

def tone(freq, ms, square=False, amp=0.6):
    n = int(RATE * ms / 1000)
    out = []
    for i in range(n):
        s = math.sin(2 * math.pi * freq * i / RATE)
        if square:
            s = 1.0 if s >= 0 else -1.0
        # 5 ms fade in and out: no clicks.
        fade = min(1.0, i / (RATE * 0.005), (n - i) / (RATE * 0.005))
        out.append(amp * s * fade)
    return out

def chirp(f0, f1, ms, amp=0.6):
    n = int(RATE * ms / 1000)
    phase, out = 0.0, []
    for i in range(n):
        f = f0 + (f1 - f0) * i / n
        phase += 2 * math.pi * f / RATE
        fade = min(1.0, i / (RATE * 0.005), (n - i) / (RATE * 0.005))
        out.append(amp * math.sin(phase) * fade)
    return out

def silence(ms):
    return [0.0] * int(RATE * ms / 1000)

def write(name, samples):
    with wave.open(f"assets/sounds/{name}.wav", "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(b"".join(struct.pack("<h", int(s * 32767)) for s in samples))

write("accepted", tone(1400, 70))
write("refused", tone(180, 220, square=True, amp=0.5) + silence(80) + tone(180, 220, square=True, amp=0.5))
write("done", chirp(700, 1400, 120) + silence(40) + tone(1400, 160))
