// An HTTPS stand-in for the API on 127.0.0.1, with a certificate made for the test run by
// openssl: a CA of its own ("a company CA") signs a certificate for 127.0.0.1, and the server
// presents both. Node trusts it only when NODE_EXTRA_CA_CERTS names `caFile`.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { onTestFinished } from "vitest";
import { ME_BODY, type RecordedRequest } from "./server.js";

export interface TestCertificates {
  /** The CA's certificate (PEM): what NODE_EXTRA_CA_CERTS points at. */
  caFile: string;
  key: string;
  /** The server's certificate followed by the CA's. */
  chain: string;
  /** Removes the files. */
  remove(): Promise<void>;
}

export async function makeCertificates(): Promise<TestCertificates> {
  const dir = await mkdtemp(join(tmpdir(), "dcloud-tls-test-"));
  const openssl = (...args: string[]) => promisify(execFile)("openssl", args, { cwd: dir });
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  await openssl(
    "req",
    "-x509",
    ...ec,
    "-keyout",
    "ca.key",
    "-out",
    "ca.pem",
    "-days",
    "2",
    "-subj",
    "/CN=dcloud test CA",
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign",
  );
  await openssl("req", ...ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1");
  await writeFile(join(dir, "server.ext"), "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
  await openssl(
    "x509",
    "-req",
    "-in",
    "server.csr",
    "-CA",
    "ca.pem",
    "-CAkey",
    "ca.key",
    "-set_serial",
    "1",
    "-days",
    "2",
    "-extfile",
    "server.ext",
    "-out",
    "server.pem",
  );
  const read = (name: string) => readFile(join(dir, name), "utf8");
  return {
    caFile: join(dir, "ca.pem"),
    key: await read("server.key"),
    chain: (await read("server.pem")) + (await read("ca.pem")),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

export interface HttpsServer {
  /** e.g. https://127.0.0.1:41235 */
  url: string;
  requests: RecordedRequest[];
  /** TCP connections accepted: each is a TLS handshake, trusted or not. */
  connections: number;
}

/** Answers GET /api/v1/me with the usual body, anything else 404. Closed when the test ends. */
export async function startHttpsServer(certificates: TestCertificates): Promise<HttpsServer> {
  const requests: RecordedRequest[] = [];
  const state: HttpsServer = { url: "", requests, connections: 0 };
  const sockets = new Set<Socket>();
  const server = createServer({ key: certificates.key, cert: certificates.chain }, (req, res) => {
    requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: "" });
    req.resume();
    const found = req.method === "GET" && req.url === "/api/v1/me";
    res.writeHead(found ? 200 : 404, { "content-type": "application/json" });
    res.end(JSON.stringify(found ? ME_BODY : { detail: "Not Found" }));
  });
  server.on("connection", (socket: Socket) => {
    state.connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  // A client that refuses the certificate ends the handshake; that is not the server's error.
  server.on("tlsClientError", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  state.url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
