"""Applies the RSE definitions in a folder with the Rucio client; safe to run again."""
import json
import pathlib
import sys
import time

from rucio.client import Client
from rucio.common.exception import Duplicate, RSENotFound, RSEProtocolNotSupported


def connect(attempts=30):
    # The server may still be starting when the GitOps controller runs the Job.
    for attempt in range(attempts):
        try:
            client = Client()
            client.ping()
            return client
        except Exception as error:  # noqa: BLE001
            print(f"waiting for the Rucio server ({error})", flush=True)
            time.sleep(min(60, 2 ** attempt))
    sys.exit("the Rucio server did not answer")


def apply(client, definition):
    name = definition["rse"]
    try:
        client.get_rse(name)
    except RSENotFound:
        client.add_rse(name, rse_type=definition["rse_type"])
        print(f"{name}: created", flush=True)
    for key, value in definition.get("attributes", {}).items():
        client.add_rse_attribute(name, key, value)
    try:
        existing = client.get_protocols(name)
    except RSEProtocolNotSupported:
        existing = []
    known = {(p["scheme"], p["hostname"], p["port"]) for p in existing}
    for protocol in definition.get("protocols", []):
        if (protocol["scheme"], protocol["hostname"], protocol["port"]) in known:
            continue
        try:
            client.add_protocol(name, protocol)
            print(f"{name}: protocol {protocol['scheme']} added", flush=True)
        except Duplicate:
            pass


def main(folder):
    client = connect()
    for path in sorted(pathlib.Path(folder).glob("*.json")):
        apply(client, json.loads(path.read_text()))
    print("RSE definitions applied", flush=True)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/opt/rucio-rses")
