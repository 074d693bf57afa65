"""Scan a TLS endpoint with sslyze and check it against Mozilla's "intermediate" configuration.

    tests/security/tls.sh HOST:PORT [--self-signed] [--json-out FILE]

sslyze's own checker (the profile it ships, Mozilla's guidelines 5.7) finds the issues; they are reported in
three groups:
- TLS: protocol versions, TLS 1.2 cipher suites, TLS 1.3 suites, key-exchange curves, DH/ECDH sizes and the
  known attacks (compression, CCS injection, fallback SCSV, Heartbleed, ROBOT, renegotiation, EMS). The
  server's configuration alone decides these; any issue fails.
- certificate key: key type, curve or RSA size, signature algorithm. Any issue fails.
- certificate trust: the chain to a trusted root and the lifespan (at most 366 days). A self-signed
  certificate (the shop before it has a domain) cannot pass them: with --self-signed they are printed but do
  not fail, provided the certificate really is self-signed (issuer == subject); without it they fail.

Runs under .tools/sslyze's Python (tls.sh), not the services' venv.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from sslyze import (
    Scanner,
    ServerNetworkLocation,
    ServerScanRequest,
    ServerScanResult,
    ServerScanResultAsJson,
    ServerScanStatusEnum,
)
from sslyze.mozilla_tls_profile.tls_config_checker import (
    SCAN_COMMANDS_NEEDED_BY_MOZILLA_CHECKER,
    MozillaTlsConfiguration,
    ServerNotCompliantWithTlsConfiguration,
    TlsConfigurationEnum,
    check_server_against_tls_configuration,
)

# sslyze's issue names, by group.
CERTIFICATE_KEY_ISSUES = {"certificate_types", "certificate_curves", "rsa_key_size", "certificate_signatures"}
CERTIFICATE_TRUST_ISSUES = {"certificate_path_validation", "maximum_certificate_lifespan"}


def parse_target(target: str) -> ServerNetworkLocation:
    host, _, port = target.rpartition(":")
    if not host or not port.isdigit():
        raise SystemExit(f"tls: expected HOST:PORT, got {target!r}")
    return ServerNetworkLocation(hostname=host.strip("[]"), port=int(port))


def scan(location: ServerNetworkLocation) -> ServerScanResult:
    scanner = Scanner()
    scanner.queue_scans(
        [ServerScanRequest(server_location=location, scan_commands=SCAN_COMMANDS_NEEDED_BY_MOZILLA_CHECKER)]
    )
    (result,) = list(scanner.get_results())
    return result


def leaf_is_self_signed(result: ServerScanResult) -> bool:
    certificate_info = result.scan_result.certificate_info.result if result.scan_result else None
    if certificate_info is None:
        return False
    return all(
        deployment.received_certificate_chain[0].issuer == deployment.received_certificate_chain[0].subject
        for deployment in certificate_info.certificate_deployments
    )


def accepted_summary(result: ServerScanResult) -> list[str]:
    """What the server accepts, for the log: versions with their suites, and the curves."""
    lines = []
    attempts = result.scan_result
    assert attempts is not None
    for field, name in (
        ("ssl_2_0_cipher_suites", "SSLv2"),
        ("ssl_3_0_cipher_suites", "SSLv3"),
        ("tls_1_0_cipher_suites", "TLSv1.0"),
        ("tls_1_1_cipher_suites", "TLSv1.1"),
        ("tls_1_2_cipher_suites", "TLSv1.2"),
        ("tls_1_3_cipher_suites", "TLSv1.3"),
    ):
        suites = getattr(attempts, field).result
        if suites is not None and suites.is_tls_version_supported:
            accepted = sorted(suite.cipher_suite.name for suite in suites.accepted_cipher_suites)
            lines.append(f"  {name}: {len(accepted)} suites: {', '.join(accepted)}")
    curves = attempts.elliptic_curves.result
    if curves is not None and curves.supported_curves:
        lines.append(f"  curves: {', '.join(sorted(curve.name for curve in curves.supported_curves))}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("target", help="HOST:PORT, e.g. localhost:443")
    parser.add_argument(
        "--self-signed",
        action="store_true",
        help="the endpoint has no domain yet: report the certificate's trust and lifespan without failing",
    )
    parser.add_argument("--json-out", type=Path, help="write sslyze's full result as JSON here")
    args = parser.parse_args()

    started = time.monotonic()
    result = scan(parse_target(args.target))
    if result.scan_status != ServerScanStatusEnum.COMPLETED:
        print(f"tls: {args.target}: cannot connect: {result.connectivity_error_trace}")
        return 2
    if args.json_out:
        args.json_out.write_text(ServerScanResultAsJson.model_validate(result).model_dump_json(indent=2))

    intermediate = MozillaTlsConfiguration.get(TlsConfigurationEnum.MOZILLA_INTERMEDIATE)
    try:
        check_server_against_tls_configuration(result, intermediate)
        issues: dict[str, str] = {}
    except ServerNotCompliantWithTlsConfiguration as exc:
        issues = exc.issues

    groups = {
        "TLS": {
            k: v for k, v in issues.items() if k not in CERTIFICATE_KEY_ISSUES | CERTIFICATE_TRUST_ISSUES
        },
        "certificate key": {k: v for k, v in issues.items() if k in CERTIFICATE_KEY_ISSUES},
        "certificate trust": {k: v for k, v in issues.items() if k in CERTIFICATE_TRUST_ISSUES},
    }
    self_signed = leaf_is_self_signed(result)
    trust_waived = args.self_signed and self_signed

    print(f"tls: {args.target} against Mozilla intermediate (sslyze, guidelines 5.7)")
    print("\n".join(accepted_summary(result)))
    failed = False
    for group, group_issues in groups.items():
        waived = group == "certificate trust" and trust_waived
        verdict = "ok" if not group_issues else ("not checked: self-signed" if waived else "FAILED")
        print(f"tls: {group:<17} {verdict}")
        for name, text in sorted(group_issues.items()):
            print(f"    - {name}: {text}")
        failed = failed or (bool(group_issues) and not waived)
    if args.self_signed and not self_signed:
        print("tls: --self-signed was given, but the certificate is issued by someone else: trust is checked")
    print(f"tls: {'FAILED' if failed else 'ok'} in {time.monotonic() - started:.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
