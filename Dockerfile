# fauxport: a Labelbox-compatible export server. Multi-stage: build with the Rust toolchain, run on
# a slim Debian with only the binary (and curl for the health check).
FROM rust:1-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked -p fauxport

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --no-create-home fauxport
COPY --from=build /src/target/release/fauxport /usr/local/bin/fauxport
USER fauxport
# Every `serve` flag can be set from the environment (FAUXPORT_SEED, FAUXPORT_ROWS, ...).
ENV FAUXPORT_ADDR=0.0.0.0:8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["fauxport"]
CMD ["serve"]
