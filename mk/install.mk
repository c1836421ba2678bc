# Installation and Debian packaging.
#
#   make install [DESTDIR=/stage] [PREFIX=/usr]   the layout below, rooted at DESTDIR
#   make deb [VERSION=0.1.0]                      build/scim-server_VERSION_ARCH.deb
#
# Paths under /etc (the nginx files, /etc/scim/scim.env) follow SYSCONFDIR, not PREFIX;
# the systemd units are rewritten when PREFIX or SYSCONFDIR differ from /usr and /etc,
# so they name the installed binaries, migrations and settings file. An existing
# scim.env is kept. On a live system (no DESTDIR, as root) the `scim` user is created
# and given read access to scim.env; under DESTDIR the package's postinst does that.

PREFIX     ?= /usr
DESTDIR    ?=
VERSION    ?= 0.1.0
SYSCONFDIR ?= /etc

INST_BINDIR     := $(PREFIX)/bin
INST_SQLDIR     := $(PREFIX)/share/scim/sql
INST_DOCDIR     := $(PREFIX)/share/doc/scim-server
INST_UNITDIR    := $(PREFIX)/lib/systemd/system
INST_SYSUSERS   := $(PREFIX)/lib/sysusers.d/scim-server.conf
INST_NGINXDIR   := $(SYSCONFDIR)/nginx
INST_ENVFILE    := $(SYSCONFDIR)/scim/scim.env

INST_UNITS      := systemd/scim-server.socket systemd/scim-server.service systemd/scim-migrate.service
INST_SNIPPETS    = $(sort $(wildcard nginx/snippets/*))
INST_SQL         = $(sort $(wildcard sql/*.sql))

# Where `make deb` stages and writes (check-deploy.sh points DEB_DIR at a temp dir).
DEB_DIR         ?= $(BUILD)
DEB_STAGE       ?= $(DEB_DIR)/deb-stage
DEB_ARCH        := $(shell dpkg --print-architecture 2>/dev/null || echo amd64)
DEB_FILE         = $(DEB_DIR)/scim-server_$(VERSION)_$(DEB_ARCH).deb
DEB_MAINTAINER  ?= SCIM server maintainers <root@localhost>
# The packages of every library the binaries link (readelf -d build/scim-server
# build/scimctl | grep NEEDED, then dpkg -S); scripts/check-deploy.sh checks the list.
DEB_DEPENDS     ?= libfcgi0ldbl, libjsoncpp25, libsoci-core4.0, libsoci-postgresql4.0, libpq5, \
                   libssl3, libargon2-1, libsystemd0, libuuid1, libstdc++6, libgcc-s1, libc6
DEB_RECOMMENDS  ?= nginx, postgresql

.PHONY: install deb

install: all
	install -d -m 0755 $(DESTDIR)$(INST_BINDIR) $(DESTDIR)$(INST_SQLDIR) $(DESTDIR)$(INST_DOCDIR) \
	    $(DESTDIR)$(INST_UNITDIR) $(DESTDIR)$(dir $(INST_SYSUSERS)) \
	    $(DESTDIR)$(INST_NGINXDIR)/snippets $(DESTDIR)$(INST_NGINXDIR)/sites-available \
	    $(DESTDIR)$(dir $(INST_ENVFILE))
	install -m 0755 $(BINARIES) $(DESTDIR)$(INST_BINDIR)/
	install -m 0644 $(INST_SQL) $(DESTDIR)$(INST_SQLDIR)/
	for unit in $(INST_UNITS); do \
	    sed -e 's|/usr/bin/|$(INST_BINDIR)/|g' -e 's|/usr/share/|$(PREFIX)/share/|g' \
	        -e 's|/etc/scim/|$(SYSCONFDIR)/scim/|g' "$$unit" \
	        >$(DESTDIR)$(INST_UNITDIR)/$${unit##*/} && \
	    chmod 0644 $(DESTDIR)$(INST_UNITDIR)/$${unit##*/} || exit 1; \
	done
	install -m 0644 systemd/scim.sysusers.conf $(DESTDIR)$(INST_SYSUSERS)
	install -m 0644 $(INST_SNIPPETS) $(DESTDIR)$(INST_NGINXDIR)/snippets/
	install -m 0644 nginx/scim-site.conf $(DESTDIR)$(INST_NGINXDIR)/sites-available/scim.conf
	install -m 0644 README.md systemd/scim.env.example $(DESTDIR)$(INST_DOCDIR)/
	@if [ -e $(DESTDIR)$(INST_ENVFILE) ]; then \
	    echo "install: keeping $(DESTDIR)$(INST_ENVFILE) (template: $(INST_DOCDIR)/scim.env.example)"; \
	else \
	    echo "install -m 0640 systemd/scim.env.example $(DESTDIR)$(INST_ENVFILE)"; \
	    install -m 0640 systemd/scim.env.example $(DESTDIR)$(INST_ENVFILE); \
	fi
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ]; then \
	    if command -v systemd-sysusers >/dev/null; then systemd-sysusers $(INST_SYSUSERS); \
	    elif ! getent passwd scim >/dev/null; then \
	        useradd --system --user-group --home-dir /nonexistent --shell /usr/sbin/nologin scim; fi; \
	    if getent group scim >/dev/null; then chgrp scim $(INST_ENVFILE); fi; \
	fi

# A binary package from a staged `make install`: stripped binaries, conffiles for
# everything under /etc, and the maintainer scripts below.
deb: all
	rm -rf $(DEB_STAGE)
	@mkdir -p $(DEB_DIR)
	$(MAKE) --no-print-directory install DESTDIR=$(abspath $(DEB_STAGE)) PREFIX=/usr SYSCONFDIR=/etc
	strip --strip-unneeded $(addprefix $(DEB_STAGE)/usr/bin/,$(notdir $(BINARIES)))
	install -d -m 0755 $(DEB_STAGE)/DEBIAN
	printf '%s\n' "$$DEB_POSTINST" >$(DEB_STAGE)/DEBIAN/postinst
	printf '%s\n' "$$DEB_PRERM" >$(DEB_STAGE)/DEBIAN/prerm
	printf '%s\n' "$$DEB_POSTRM" >$(DEB_STAGE)/DEBIAN/postrm
	chmod 0755 $(DEB_STAGE)/DEBIAN/postinst $(DEB_STAGE)/DEBIAN/prerm $(DEB_STAGE)/DEBIAN/postrm
	cd $(DEB_STAGE) && find etc -type f | sort | sed 's|^|/|' >DEBIAN/conffiles
	{ echo "Package: scim-server"; \
	  echo "Version: $(VERSION)"; \
	  echo "Architecture: $(DEB_ARCH)"; \
	  echo "Maintainer: $(DEB_MAINTAINER)"; \
	  echo "Installed-Size: $$(du -sk --exclude=DEBIAN $(DEB_STAGE) | cut -f1)"; \
	  echo "Depends: $(strip $(DEB_DEPENDS))"; \
	  echo "Recommends: $(strip $(DEB_RECOMMENDS))"; \
	  echo "Section: net"; \
	  echo "Priority: optional"; \
	  echo "Description: SCIM 2.0 provisioning server (FastCGI, PostgreSQL)"; \
	  echo " The server that identity providers (Okta, Entra ID, OneLogin) call to create,"; \
	  echo " update, deactivate and delete an organisation's users and groups (RFC 7643,"; \
	  echo " RFC 7644). Pre-forked FastCGI workers behind nginx, data in PostgreSQL;"; \
	  echo " systemd socket and service units, nginx snippets and site, scimctl admin CLI."; \
	} >$(DEB_STAGE)/DEBIAN/control
	chmod 0644 $(DEB_STAGE)/DEBIAN/control $(DEB_STAGE)/DEBIAN/conffiles
	dpkg-deb --root-owner-group -Zxz --build $(DEB_STAGE) $(DEB_FILE)

# Maintainer scripts: what dh_installsystemd generates for units installed but not
# enabled (the service needs SCIM_DB first), plus the system user. systemctl only
# runs where systemd is PID 1 (/run/systemd/system), so they work in a chroot too.
define deb_postinst_text
#!/bin/sh
set -e
if [ "$$1" = configure ]; then
    if command -v systemd-sysusers >/dev/null 2>&1; then
        systemd-sysusers /usr/lib/sysusers.d/scim-server.conf
    elif ! getent passwd scim >/dev/null; then
        useradd --system --user-group --home-dir /nonexistent --shell /usr/sbin/nologin scim
    fi
    # The server re-reads this file as user scim on reload.
    chown root:scim /etc/scim/scim.env
    chmod 0640 /etc/scim/scim.env
fi
if [ "$$1" = configure ] || [ "$$1" = abort-upgrade ] || [ "$$1" = abort-deconfigure ] || [ "$$1" = abort-remove ]; then
    for unit in scim-server.socket scim-server.service; do
        if deb-systemd-helper debian-installed "$$unit" && deb-systemd-helper --quiet was-enabled "$$unit"; then
            deb-systemd-helper enable "$$unit" >/dev/null || true
        fi
        deb-systemd-helper update-state "$$unit" >/dev/null || true
    done
    if [ -d /run/systemd/system ]; then
        systemctl --system daemon-reload >/dev/null || true
        # An upgrade restarts a running service (gracefully), which migrates first.
        if [ -n "$$2" ]; then
            deb-systemd-invoke try-restart scim-server.service >/dev/null || true
        fi
    fi
fi
endef

define deb_prerm_text
#!/bin/sh
set -e
if [ "$$1" = remove ] && [ -d /run/systemd/system ]; then
    deb-systemd-invoke stop scim-server.service scim-server.socket >/dev/null || true
fi
endef

define deb_postrm_text
#!/bin/sh
set -e
if [ -d /run/systemd/system ]; then
    systemctl --system daemon-reload >/dev/null || true
fi
if [ "$$1" = purge ]; then
    deb-systemd-helper purge scim-server.socket scim-server.service >/dev/null || true
    rmdir /etc/scim 2>/dev/null || true
fi
endef

deb: export DEB_POSTINST = $(deb_postinst_text)
deb: export DEB_PRERM = $(deb_prerm_text)
deb: export DEB_POSTRM = $(deb_postrm_text)
