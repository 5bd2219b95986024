# Cairn in a container: a static binary on a distroless base, run as a
# non-root user, with the database on a volume at /data.
#
#   docker build -t cairn .
#   docker run -d --name cairn --env-file cairn.env -v cairn-data:/data -p 127.0.0.1:8089:8089 cairn
#
# cairn.env holds SLACK_BOT_TOKEN=xoxb-… and SLACK_APP_TOKEN=xapp-….

FROM golang:1.26 AS build
WORKDIR /src
# Modules first, so a code change does not download them again.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/cairn ./cmd/cairn
# The volume's mount point, owned by the user Cairn runs as, so a new named
# volume starts out writable by it.
RUN mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/cairn /usr/local/bin/cairn
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
ENV CAIRN_DB=/data/cairn.db \
    CAIRN_ADMIN=0.0.0.0:8089
VOLUME ["/data"]
# /healthz, /readyz and /metrics; /backup answers only inside the container.
EXPOSE 8089
# docker stop sends SIGTERM and waits 10 s; give it more than
# --shutdown-timeout (docker run --stop-timeout 20).
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/cairn"]
CMD ["serve"]
