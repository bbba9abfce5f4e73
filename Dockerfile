# fauxport: a Labelbox-compatible export server. An image FROM scratch with only the stripped
# binary, the shared libraries it loads, one non-root user (uid 65532) and /tmp, laid out by
# scripts/image-rootfs. No shell and no curl: the health check is `fauxport healthcheck`.
#
# The one file of image instructions, for both ways of building it. ROOTFS picks where the files
# come from; the last stage (the image) is the same for both:
#   - build (the default): `docker build .` and `docker compose` build the binary in the Rust
#     stage. BuildKit, Docker's builder since Engine 23.0, builds only the stages the image uses,
#     so rootfs-prebuilt is skipped (the legacy builder, DOCKER_BUILDKIT=0, builds every stage
#     and fails there: there is no rootfs/ in the repository).
#   - prebuilt: `bash scripts/build-image` (buildah, no Docker engine) passes
#     `--build-arg ROOTFS=prebuilt` and a build context holding rootfs/, laid out by
#     scripts/image-rootfs from a binary built outside; buildah skips the unused Rust stage, so
#     rust:1-bookworm is never pulled.
ARG ROOTFS=build

FROM rust:1-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked -p fauxport \
 && bash scripts/image-rootfs target/release/fauxport /rootfs

FROM scratch AS rootfs-build
COPY --from=build /rootfs/ /

FROM scratch AS rootfs-prebuilt
COPY rootfs/ /

FROM rootfs-${ROOTFS}
# uid/gid 65532 (`fauxport` in /etc/passwd): numeric, so Kubernetes' runAsNonRoot can check it.
USER 65532:65532
# Every `serve` flag can be set from the environment (FAUXPORT_SEED, FAUXPORT_ROWS, ...).
ENV FAUXPORT_ADDR=0.0.0.0:8080
EXPOSE 8080
# No curl in the image: `fauxport healthcheck` GETs /healthz of the address in FAUXPORT_ADDR
# (through loopback) and exits 0 on 200, 1 otherwise.
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
    CMD ["/usr/local/bin/fauxport", "healthcheck", "--timeout-secs", "2"]
ENTRYPOINT ["/usr/local/bin/fauxport"]
CMD ["serve"]
