#!/usr/bin/env python3
"""Score lede's quotes and speakers on the quotes-dev set.

Runs `LEDE --input text --format json` over DATA/text/*.txt (one process,
JSON Lines out), turns each document's "quotes" into the scorer's prediction
format {ID: [{"text", "speaker"}]} and runs the shared scorer
(../shared/tools/quotescore.py GOLD PRED), which prints quote P/R/F1,
speaker accuracy and attributed F1.

Usage: quotes_eval.py --lede build/lede [--data DIR] [--scorer PATH]
                      [--pred-out FILE] [--min-attributed-f1 X]
                      [--min-recall X] [--min-speaker-acc X]
Exits 1 when a --min-* gate is not met (the issue's targets: attributed F1
0.80, quote recall 0.85, speaker accuracy 0.92).
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(REPO_ROOT, "..", "shared")
DEFAULT_DATA = os.path.join(SHARED, "data", "quotes-dev")
DEFAULT_SCORER = os.path.join(SHARED, "tools", "quotescore.py")


def predict(lede, files):
    run = subprocess.run([lede, "--input", "text", "--format", "json"] + files,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    out = run.stdout
    # 0: all extracted, 1: some input refused; anything else (a signal, a
    # sanitizer report) is a fault of the run.
    if run.returncode not in (0, 1) or b"Sanitizer" in run.stderr:
        sys.stderr.write(run.stderr.decode("utf-8", "replace")[-4000:])
        sys.exit("lede failed (status %d)" % run.returncode)
    pred = {}
    for line in out.decode("utf-8").split("\n"):
        if not line.strip():
            continue
        doc = json.loads(line)
        doc_id = os.path.basename(doc.get("source") or "")[:-len(".txt")]
        pred[doc_id] = [{"text": q["text"], "speaker": q["speaker"]}
                        for q in doc.get("quotes", [])]
    return pred


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lede", default=os.path.join(REPO_ROOT, "build", "lede"))
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--scorer", default=DEFAULT_SCORER)
    ap.add_argument("--pred-out", help="also write the predictions here")
    ap.add_argument("--min-attributed-f1", type=float)
    ap.add_argument("--min-recall", type=float)
    ap.add_argument("--min-speaker-acc", type=float)
    args = ap.parse_args()
    files = sorted(glob.glob(os.path.join(args.data, "text", "*.txt")))
    if not files:
        sys.exit("no articles under %s/text" % args.data)
    pred = predict(args.lede, files)
    missing = len(files) - len(pred)
    if missing:
        sys.exit("%d articles gave no output" % missing)
    path = args.pred_out
    if not path:
        fd, path = tempfile.mkstemp(suffix=".json")
        os.close(fd)
    try:
        with open(path, "w", encoding="utf-8") as f:
            json.dump(pred, f)
        out = subprocess.run([sys.executable, args.scorer, os.path.join(args.data, "gold.json"),
                              path], stdout=subprocess.PIPE, check=True).stdout.decode()
    finally:
        if not args.pred_out:
            os.unlink(path)
    print(out.strip())
    words = out.split()
    scores = dict(zip(words[::2], words[1::2]))
    failed = False
    for gate, key in ((args.min_attributed_f1, "attributed_f1"), (args.min_recall, "quote_r"),
                      (args.min_speaker_acc, "speaker_acc")):
        if gate is not None and float(scores[key]) < gate:
            print("FAIL: %s %s < %.3f" % (key, scores[key], gate))
            failed = True
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
