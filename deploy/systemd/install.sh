#!/usr/bin/env bash
# Installs (or removes) Forecaster as a systemd service. Run as root; safe to run again for an upgrade.
#   usage: deploy/systemd/install.sh [--root DIR] PUBLISH_DIR
#          deploy/systemd/install.sh [--root DIR] --uninstall
# PUBLISH_DIR is a deploy/scripts/publish.sh output for linux-x64 (either mode: the unit starts the
# apphost, which finds an installed .NET runtime or carries its own). --root installs into an image or a
# test tree instead of this machine: files and the user go under DIR, and the running systemd is not told.
# The service is enabled but not started: the connection string in /etc/forecaster/forecaster.env comes first.
set -euo pipefail

usage() {
    echo "usage: $0 [--root DIR] PUBLISH_DIR | $0 [--root DIR] --uninstall" >&2
    exit 64
}

root=/
publish_dir=
uninstall=false
while [[ $# -gt 0 ]]; do
    case $1 in
        --root)
            [[ $# -ge 2 ]] || usage
            root=$2
            shift
            ;;
        --uninstall) uninstall=true ;;
        -*) usage ;;
        *) publish_dir=$1 ;;
    esac
    shift
done
[[ $uninstall == true || -n $publish_dir ]] || usage
if [[ $EUID -ne 0 ]]; then
    echo "$0: must run as root (it creates a system user and writes under /etc and /opt)" >&2
    exit 77
fi

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly SERVICE_USER=forecaster
readonly INSTALL_DIR=${root%/}/opt/forecaster
readonly CONFIG_DIR=${root%/}/etc/forecaster
readonly UNIT_FILE=${root%/}/etc/systemd/system/forecaster.service
readonly STATE_DIR=${root%/}/var/lib/forecaster

# Inside an image there is no systemd to reload; systemctl --root only edits the enablement links.
systemctl_here() {
    if [[ $root == / ]]; then
        systemctl "$@"
    else
        systemctl --root="$root" "$@"
    fi
}

user_exists() {
    grep -q "^$SERVICE_USER:" "${root%/}/etc/passwd" 2>/dev/null
}

if [[ $uninstall == true ]]; then
    if [[ -f $UNIT_FILE ]]; then
        if [[ $root == / ]]; then
            systemctl disable --now forecaster.service
        else
            systemctl_here disable forecaster.service
        fi
        rm -f "$UNIT_FILE"
        [[ $root == / ]] && systemctl daemon-reload
    fi
    rm -rf "$INSTALL_DIR" "$STATE_DIR"
    if user_exists; then
        userdel --prefix "$root" "$SERVICE_USER"
    fi
    # The environment file is the operator's (it holds the connection string): never deleted behind their back.
    [[ -f $CONFIG_DIR/forecaster.env ]] && echo "kept $CONFIG_DIR/forecaster.env (remove it by hand if no longer needed)"
    echo "forecaster uninstalled"
    exit 0
fi

if [[ ! -x $publish_dir/forecaster ]]; then
    echo "$0: $publish_dir/forecaster is missing: pass a linux-x64 output of deploy/scripts/publish.sh" >&2
    exit 66
fi

if ! user_exists; then
    useradd --prefix "$root" --system --user-group --home-dir /var/lib/forecaster --no-create-home \
        --shell /usr/sbin/nologin --comment "Forecaster service" "$SERVICE_USER"
fi

# The new build is staged beside the old one and swapped in, so a failed copy leaves the old build whole.
mkdir -p "$(dirname "$INSTALL_DIR")"
rm -rf "$INSTALL_DIR.new" "$INSTALL_DIR.old"
cp -R "$publish_dir" "$INSTALL_DIR.new"
chown -R root:root "$INSTALL_DIR.new"
chmod -R u=rwX,go=rX "$INSTALL_DIR.new"
if [[ -d $INSTALL_DIR ]]; then
    mv "$INSTALL_DIR" "$INSTALL_DIR.old"
fi
mv "$INSTALL_DIR.new" "$INSTALL_DIR"
rm -rf "$INSTALL_DIR.old"

install -D -m 0644 -o root -g root "$HERE/forecaster.service" "$UNIT_FILE"

install -d -m 0755 -o root -g root "$CONFIG_DIR"
if [[ ! -f $CONFIG_DIR/forecaster.env ]]; then
    install -m 0600 -o root -g root "$HERE/forecaster.env.template" "$CONFIG_DIR/forecaster.env"
    echo "created $CONFIG_DIR/forecaster.env: set ConnectionStrings__Forecaster in it before starting the service"
fi
# An existing file keeps its content but never looser permissions than a secret deserves.
chown root:root "$CONFIG_DIR/forecaster.env"
chmod 0600 "$CONFIG_DIR/forecaster.env"

[[ $root == / ]] && systemctl daemon-reload
systemctl_here enable forecaster.service
echo "forecaster installed in $INSTALL_DIR; start it with: systemctl restart forecaster"
