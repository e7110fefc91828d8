#!/usr/bin/env bash
# Regenerates the simulator's test CA and server certificate with openssl: valid from 2020-01-01 (so a
# machine whose clock lags still accepts them) for about 100 years, for 127.0.0.1, ::1 and localhost.
# Test-only material: the private keys are public on purpose and must never protect anything real.
set -euo pipefail
cd "$(dirname "$0")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
start=20200101000000Z
end=21191231235959Z
cat > "$work/ca.cnf" <<CNF
[ca]
default_ca = sim
[sim]
dir = $work
database = $work/index.txt
new_certs_dir = $work
serial = $work/serial
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
[any]
commonName = supplied
[ca_ext]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[server_ext]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1,IP:::1,DNS:localhost
authorityKeyIdentifier = keyid
CNF
: > "$work/index.txt"
echo 1000 > "$work/serial"
openssl req -new -newkey rsa:2048 -nodes -keyout ca.key -out "$work/ca.csr" -subj "/CN=Ops Manager Simulator Test CA"
openssl ca -batch -config "$work/ca.cnf" -selfsign -keyfile ca.key -in "$work/ca.csr" \
  -startdate "$start" -enddate "$end" -extensions ca_ext -notext -out ca.pem
openssl req -new -newkey rsa:2048 -nodes -keyout server.key -out "$work/server.csr" -subj "/CN=localhost"
openssl ca -batch -config "$work/ca.cnf" -cert ca.pem -keyfile ca.key -in "$work/server.csr" \
  -startdate "$start" -enddate "$end" -extensions server_ext -notext -out server.pem
