#!/usr/bin/env bash
# Copies the third-party sources test/programs/run.sh builds out of local
# git mirrors into OUT, in the layout run.sh expects (the two repositories'
# own names and paths, as `git clone` would give them):
#
#   OUT/Windows-classic-samples/Samples/Win7Samples/netds/winsock/{simple,accept,wsapoll,overlap,iocp,connectbyname,connectbylist,inet_xtoy,sendmsg,recvmsg}/
#   OUT/win32/desktop-src/WinSock/complete-{client,server}-code.md
#
#   export-sources.sh OUT [SAMPLES_GIT_DIR] [WIN32_DOCS_GIT_DIR]
#
# The defaults are the bare mirrors of microsoft/Windows-classic-samples and
# MicrosoftDocs/win32 under /work/.mirror.  Nothing here is committed: the
# code stays Microsoft's, fetched at test time.
set -euo pipefail
out=${1:?usage: export-sources.sh OUT [SAMPLES_GIT_DIR] [WIN32_DOCS_GIT_DIR]}
samples=${2:-/work/.mirror/microsoft+Windows-classic-samples/repo}
docs=${3:-/work/.mirror/MicrosoftDocs+win32/repo}
mkdir -p "$out/Windows-classic-samples" "$out/win32"
git --git-dir="$samples" archive HEAD Samples/Win7Samples/netds/winsock/simple Samples/Win7Samples/netds/winsock/accept \
    Samples/Win7Samples/netds/winsock/wsapoll Samples/Win7Samples/netds/winsock/overlap \
    Samples/Win7Samples/netds/winsock/iocp Samples/Win7Samples/netds/winsock/connectbyname \
    Samples/Win7Samples/netds/winsock/connectbylist Samples/Win7Samples/netds/winsock/inet_xtoy \
    Samples/Win7Samples/netds/winsock/sendmsg Samples/Win7Samples/netds/winsock/recvmsg | tar -x -C "$out/Windows-classic-samples"
git --git-dir="$docs" archive HEAD desktop-src/WinSock/complete-client-code.md desktop-src/WinSock/complete-server-code.md |
    tar -x -C "$out/win32"
echo "exported to $out"
