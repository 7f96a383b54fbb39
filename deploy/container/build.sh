#!/usr/bin/env bash
# Builds the site's OCI image from the Native AOT binary and a base assembled from Debian's own packages, with
# Debian's buildah: no container registry is needed (the SDK's PublishContainer needs one to pull its base image).
#   deploy/container/build.sh [IMAGE]         publishes, assembles and commits IMAGE (default localhost/articlesite:latest)
#   ARTICLESITE_PUBLISHED=DIR deploy/container/build.sh   uses a Native AOT publish folder made before
# Needs: buildah, apt-get (for `apt-get download`), dpkg-deb; run as root or under `buildah unshare`.
set -euo pipefail
cd "$(dirname "$0")/../.."

image=${1:-localhost/articlesite:latest}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

published=${ARTICLESITE_PUBLISHED:-}
if [ -z "$published" ]; then
  published="$work/publish"
  dotnet publish src/ArticleSite -c Release -r linux-x64 -p:PublishAot=true -o "$published" >&2
fi

# The binary needs the C library (ldd: libc.so.6, libm.so.6, the loader): globalization is invariant. It loads OpenSSL
# (libssl.so.3, libcrypto.so.3) to hash the media files beside the articles (SHA-256), and libvips (libvips.so.42, from
# the NetVips.Native package, beside the binary) to make picture variants, which needs the C++ runtime (ldd:
# libstdc++.so.6, libgcc_s.so.1, and libc6's libdl, libpthread, libresolv). Those come from Debian's packages,
# unpacked, not from this machine's files.
(cd "$work" && apt-get download libc6 libstdc++6 libgcc-s1 libssl3 >&2)
rootfs="$work/rootfs"
for package in libc6 libstdc++6 libgcc-s1 libssl3; do
  dpkg-deb -x "$work/${package}"_*.deb "$work/packages"
done
mkdir -p "$rootfs/lib/x86_64-linux-gnu" "$rootfs/lib64" "$rootfs/etc" "$rootfs/app" "$rootfs/content" "$rootfs/tmp"
for library in libc.so.6 libm.so.6 ld-linux-x86-64.so.2 libdl.so.2 libpthread.so.0 libresolv.so.2 libstdc++.so.6 libgcc_s.so.1 libssl.so.3 libcrypto.so.3; do
  cp -L "$(find "$work/packages" -name "$library" | head -n 1)" "$rootfs/lib/x86_64-linux-gnu/"
done
ln -s ../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 "$rootfs/lib64/ld-linux-x86-64.so.2"
chmod 1777 "$rootfs/tmp"
# A user without a shell or a home: the site runs as it, never as root.
printf 'root:x:0:0:root:/nonexistent:/usr/sbin/nologin\napp:x:1654:1654:ArticleSite:/nonexistent:/usr/sbin/nologin\n' > "$rootfs/etc/passwd"
printf 'root:x:0:\napp:x:1654:\n' > "$rootfs/etc/group"
install -m 0755 "$published/ArticleSite" "$rootfs/app/ArticleSite"
# SQLite, for the article index: a native library beside the executable.
install -m 0755 "$published/libe_sqlite3.so" "$rootfs/app/libe_sqlite3.so"
install -m 0644 "$published/appsettings.json" "$rootfs/app/appsettings.json"
install -m 0755 "$published/libvips.so.42" "$rootfs/app/libvips.so.42"
# The repository's articles, so that the image serves something before a volume is mounted on /content.
cp "$published"/content/*.md "$rootfs/content/"

revision=$(git rev-parse HEAD 2>/dev/null || echo unknown)
container=$(buildah from scratch)
buildah copy "$container" "$rootfs" / >/dev/null
buildah config \
  --user 1654:1654 \
  --workingdir /app \
  --entrypoint '["/app/ArticleSite"]' \
  --cmd '' \
  --port 8080/tcp \
  --volume /content \
  --env ASPNETCORE_HTTP_PORTS=8080 \
  --env Content__Path=/content \
  --env Cache__Path=/tmp/articlesite \
  --label org.opencontainers.image.title=ArticleSite \
  --label org.opencontainers.image.description="A read-only news article site, Native AOT" \
  --label org.opencontainers.image.revision="$revision" \
  --label io.articlesite.health.live=/healthz/live \
  --label io.articlesite.health.ready=/healthz/ready \
  "$container"
# The health check runs in the container: the binary probes its own liveness (`probe`), since the image has no shell or curl.
buildah config --healthcheck 'CMD /app/ArticleSite probe http://127.0.0.1:8080/healthz/ready' \
  --healthcheck-interval 30s --healthcheck-timeout 3s --healthcheck-retries 3 "$container"
buildah commit --format "${ARTICLESITE_IMAGE_FORMAT:-docker}" --rm "$container" "$image" >&2
echo "$image"
