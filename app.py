"""Start the policy assistant's web interface: `python app.py [--host H] [--port P] [--share]`."""

from __future__ import annotations

import argparse
import logging
import sys

from assistant.chat.feedback import DEFAULT_FEEDBACK_FILE
from assistant.errors import AssistantError
from assistant.logs import show_progress
from assistant.web.admin_settings import admin_token
from assistant.web.serve import serve


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Policy Q&A Assistant web interface (Gradio).")
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1, this machine only)"
    )
    parser.add_argument("--port", type=int, default=7860, help="port (default 7860)")
    parser.add_argument(
        "--share", action="store_true", help="also publish a public gradio.live link (off by default)"
    )
    parser.add_argument(
        "--index", default=None, help="index directory (default: index/, built from corpus/ if needed)"
    )
    parser.add_argument(
        "--corpus", default=None, help="corpus to build a missing index from (default: the bundled corpus/)"
    )
    parser.add_argument("--feedback", default=str(DEFAULT_FEEDBACK_FILE), help="JSONL log of 👍/👎 votes")
    parser.add_argument(
        "--admin-token",
        default=None,
        help="let staff add documents from the page with this token (or set $POLICY_ASSISTANT_ADMIN_TOKEN); "
        "off by default",
    )
    parser.add_argument(
        "--evaluate",
        action="store_true",
        help="let anyone run whole question sets from the Evaluate tab and /evaluate (CPU-heavy; off by "
        "default, when staff with the admin token can)",
    )
    args = parser.parse_args(argv)
    show_progress()
    try:
        return serve(
            args.host,
            args.port,
            share=args.share,
            index_dir=args.index,
            feedback_path=args.feedback,
            corpus=args.corpus,
            admin_token=admin_token(args.admin_token),
            evaluate=args.evaluate,
        )
    except AssistantError as exc:  # e.g. no index and no corpus to build it from: one line, not a traceback
        logging.getLogger("assistant").error("error: %s", exc)
        return 2


if __name__ == "__main__":
    sys.exit(main())
