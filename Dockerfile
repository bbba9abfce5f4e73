# fauxport: a Labelbox-compatible export server. Multi-stage: build with the Rust toolchain, then
# an image FROM scratch with only the stripped binary, the shared libraries it loads, one
# non-root user (uid 65532) and /tmp, laid out by scripts/image-rootfs. No shell and no curl:
# the health check is `fauxport healthcheck`. Without a Docker engine, `bash scripts/build-image`
# builds the same image with buildah (deploy/image/Containerfile, the same instructions as the
# last stage here: keep the two in step).
FROM rust:1-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked -p fauxport \
 && bash scripts/image-rootfs target/release/fauxport /rootfs

FROM scratch
COPY --from=build /rootfs/ /
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
