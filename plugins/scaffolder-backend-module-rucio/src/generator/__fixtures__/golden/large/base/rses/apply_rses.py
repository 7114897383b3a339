"""Makes Rucio's RSEs match the definitions in a folder, over Rucio's REST API.

Safe to run again: it creates what is missing, updates attributes, protocols
and limits that differ, and reports what Rucio has that the folder does not
declare. It deletes undeclared RSEs and protocols only when RSES_PRUNE=true.
Standard library only, so any image with Python 3 runs it.

Environment: RUCIO_CFG_RUCIO_HOST, RUCIO_CFG_AUTH_HOST, RUCIO_CFG_ACCOUNT,
RUCIO_CFG_USERNAME, RUCIO_CFG_PASSWORD; optional RUCIO_CA_CERT (CA bundle),
RSES_PRUNE, RSES_REPORT (a file to write the report to as well).
"""
import json
import os
import pathlib
import ssl
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

# Protocol fields Rucio stores; others in a definition are not compared.
PROTOCOL_FIELDS = ("prefix", "impl", "domains", "extended_attributes")


class RucioError(Exception):
    def __init__(self, status, exception_class, message):
        super().__init__(f"{status} {exception_class}: {message}")
        self.status = status
        self.exception_class = exception_class


class Rucio:
    def __init__(self, env):
        self.host = env["RUCIO_CFG_RUCIO_HOST"].rstrip("/")
        self.auth_host = env.get("RUCIO_CFG_AUTH_HOST", self.host).rstrip("/")
        self.account = env.get("RUCIO_CFG_ACCOUNT", "root")
        self.username = env["RUCIO_CFG_USERNAME"]
        self.password = env["RUCIO_CFG_PASSWORD"]
        ca = env.get("RUCIO_CA_CERT")
        self.context = ssl.create_default_context(cafile=ca) if ca else None
        self.token = None

    def _send(self, method, url, headers, body=None):
        data = None if body is None else json.dumps(body).encode()
        if data is not None:
            headers = {**headers, "Content-Type": "application/json"}
        request = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, context=self.context, timeout=60) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            text = error.read().decode(errors="replace")
            try:
                parsed = json.loads(text)
                raise RucioError(error.code, parsed.get("ExceptionClass"), parsed.get("ExceptionMessage")) from None
            except (ValueError, AttributeError):
                raise RucioError(error.code, None, text[:200]) from None

    def login(self):
        # The token comes back in a header; the password never leaves this call.
        _, headers, _ = self._send(
            "GET",
            f"{self.auth_host}/auth/userpass",
            {
                "X-Rucio-Account": self.account,
                "X-Rucio-Username": self.username,
                "X-Rucio-Password": self.password,
            },
        )
        self.token = headers["X-Rucio-Auth-Token"]

    def call(self, method, path, body=None):
        _, _, text = self._send(method, f"{self.host}{path}", {"X-Rucio-Auth-Token": self.token}, body)
        return text

    def json(self, path):
        return json.loads(self.call("GET", path))

    def stream(self, path):
        # application/x-json-stream: one JSON object per line.
        return [json.loads(line) for line in self.call("GET", path).splitlines() if line.strip()]


def quote(value):
    return urllib.parse.quote(str(value), safe="")


def same_attribute(declared, existing):
    # Rucio keeps booleans and returns every other value as a string.
    if isinstance(declared, bool) or isinstance(existing, bool):
        return declared is existing
    return str(declared) == str(existing)


def protocol_key(protocol):
    return (protocol["scheme"], protocol["hostname"], int(protocol["port"]))


def same_domains(declared, existing):
    # Rucio fills the operations a protocol does not name with 0, so only the
    # declared ones are compared.
    existing = existing or {}
    return all(
        (existing.get(domain) or {}).get(operation) == value
        for domain, operations in (declared or {}).items()
        for operation, value in operations.items()
    )


def protocol_changes(declared, existing):
    changes = {}
    for field in PROTOCOL_FIELDS:
        if field not in declared:
            continue
        if field == "domains":
            same = same_domains(declared[field], existing.get(field))
        else:
            same = declared[field] == existing.get(field)
        if not same:
            changes[field] = declared[field]
    return changes


def apply_rse(rucio, definition, exists, report):
    name = definition["rse"]
    path = f"/rses/{quote(name)}"
    changes = []
    if not exists:
        rucio.call("POST", path, {"rse_type": definition["rse_type"]})
        changes.append("created")
        attributes, protocols, limits = {}, [], {}
    else:
        attributes = rucio.json(f"{path}/attr/")
        try:
            protocols = rucio.json(f"{path}/protocols")
        except RucioError as error:
            # Rucio answers 404 RSEProtocolNotSupported for an RSE without protocols.
            if error.exception_class != "RSEProtocolNotSupported":
                raise
            protocols = []
        limits = rucio.json(f"{path}/limits")

    for key, value in definition.get("attributes", {}).items():
        if key not in attributes or not same_attribute(value, attributes[key]):
            rucio.call("POST", f"{path}/attr/{quote(key)}", {"value": value})
            changes.append(f"attribute {key}")
    declared_attributes = set(definition.get("attributes", {})) | {name}
    undeclared = {k: v for k, v in attributes.items() if k not in declared_attributes}
    if undeclared:
        report["undeclared"]["attributes"][name] = undeclared

    existing = {protocol_key(p): p for p in protocols}
    declared_keys = set()
    for protocol in definition.get("protocols", []):
        key = protocol_key(protocol)
        declared_keys.add(key)
        if key not in existing:
            rucio.call("POST", f"{path}/protocols/{quote(protocol['scheme'])}", protocol)
            changes.append(f"protocol {protocol['scheme']}://{protocol['hostname']}:{protocol['port']} added")
            continue
        update = protocol_changes(protocol, existing[key])
        if update:
            scheme, hostname, port = key
            rucio.call("PUT", f"{path}/protocols/{quote(scheme)}/{quote(hostname)}/{port}", update)
            changes.append(f"protocol {scheme}://{hostname}:{port} updated ({', '.join(sorted(update))})")
    for key in sorted(set(existing) - declared_keys):
        scheme, hostname, port = key
        if report["prune"]:
            rucio.call("DELETE", f"{path}/protocols/{quote(scheme)}/{quote(hostname)}/{port}")
            changes.append(f"protocol {scheme}://{hostname}:{port} deleted")
        else:
            report["undeclared"]["protocols"].setdefault(name, []).append(f"{scheme}://{hostname}:{port}")

    for limit, value in definition.get("limits", {}).items():
        if limits.get(limit) != value:
            rucio.call("PUT", f"{path}/limits", {"name": limit, "value": value})
            changes.append(f"limit {limit}")

    report["rses"][name] = {"id": rucio.json(path).get("id"), "changes": changes}


def connect(rucio, attempts):
    # The server may still be starting when the GitOps controller runs the Job.
    for attempt in range(attempts):
        try:
            rucio.login()
            return
        except (OSError, RucioError) as error:
            if isinstance(error, RucioError) and error.status in (400, 401):
                sys.exit(f"Rucio refused the login of account {rucio.account}: {error}")
            print(f"waiting for Rucio at {rucio.auth_host} ({error})", flush=True)
            time.sleep(min(60, 2**attempt))
    sys.exit(f"Rucio at {rucio.auth_host} did not answer")


def main(folder, env):
    definitions = [json.loads(p.read_text()) for p in sorted(pathlib.Path(folder).glob("*.json"))]
    rucio = Rucio(env)
    connect(rucio, int(env.get("RUCIO_CONNECT_ATTEMPTS", "30")))
    report = {
        "prune": env.get("RSES_PRUNE", "false").lower() == "true",
        "rses": {},
        "undeclared": {"rses": [], "attributes": {}, "protocols": {}},
        "deleted": [],
        "errors": {},
    }
    known = {r["rse"] for r in rucio.stream("/rses/")}
    for definition in definitions:
        try:
            apply_rse(rucio, definition, definition["rse"] in known, report)
        except RucioError as error:
            # One bad RSE does not stop the others; the Job still fails below.
            report["errors"][definition["rse"]] = str(error)
    declared = {d["rse"] for d in definitions}
    for name in sorted(known - declared):
        if report["prune"]:
            try:
                rucio.call("DELETE", f"/rses/{quote(name)}")
                report["deleted"].append(name)
            except RucioError as error:
                report["errors"][name] = str(error)
        else:
            report["undeclared"]["rses"].append(name)
    text = json.dumps(report, sort_keys=True)
    print(f"RSE report: {text}", flush=True)
    if env.get("RSES_REPORT"):
        pathlib.Path(env["RSES_REPORT"]).write_text(text + "\n")
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "/opt/rucio-rses", dict(os.environ)))
