// A lean SMTP client for load generation: a pool of plain connections (no TLS, no AUTH) that
// send ready-made messages with PIPELINING (MAIL FROM, RCPT TO and DATA in one write), the
// message dot-stuffed and terminated by <CRLF>.<CRLF>, and resolve on the server's 250 after
// DATA. The session the server sees is ordinary SMTP (RFC 5321 with RFC 2920 pipelining); the
// client just spends less CPU per message than a general-purpose one (no MIME composing, no
// stream pipeline per message), which matters when it shares the cores with what it measures.
import net from 'node:net';

/** `raw` with every line that starts with "." doubled (RFC 5321 §4.5.2), ending in CRLF. */
export function dotStuff(raw) {
  let text = raw.toString('latin1');
  if (text.startsWith('.')) text = `.${text}`;
  text = text.replace(/\r\n\./g, '\r\n..');
  if (!text.endsWith('\r\n')) text += '\r\n';
  return Buffer.from(text, 'latin1');
}

class Connection {
  constructor(host, port) {
    this.socket = net.connect({ host, port });
    this.socket.setNoDelay(true);
    this.buffer = '';
    this.waiting = []; // { resolve, reject } per expected reply, in order
    this.lines = [];
    this.socket.on('data', (chunk) => this.onData(chunk));
    const fail = (error) => {
      this.dead = error ?? new Error('SMTP connection closed');
      for (const waiter of this.waiting.splice(0)) waiter.reject(this.dead);
    };
    this.socket.on('error', fail);
    this.socket.on('close', () => fail());
  }

  onData(chunk) {
    this.buffer += chunk.toString('latin1');
    let end;
    while ((end = this.buffer.indexOf('\r\n')) >= 0) {
      const line = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      this.lines.push(line);
      if (line.length >= 4 && line[3] === '-') continue; // a multi-line reply goes on
      const reply = { code: Number(line.slice(0, 3)), text: this.lines.join('\n') };
      this.lines = [];
      this.waiting.shift()?.resolve(reply);
    }
  }

  /** Resolves with the next reply; writes `data` first when given. */
  expect(count) {
    const replies = [];
    for (let i = 0; i < count; i++) replies.push(new Promise((resolve, reject) => this.waiting.push({ resolve, reject })));
    return replies;
  }

  async open(name) {
    const [greeting] = this.expect(1);
    const greet = await greeting;
    if (greet.code !== 220) throw Object.assign(new Error(greet.text), { responseCode: greet.code });
    const [ehlo] = this.expect(1);
    this.socket.write(`EHLO ${name}\r\n`);
    const hello = await ehlo;
    if (hello.code !== 250) throw Object.assign(new Error(hello.text), { responseCode: hello.code });
    if (!/\bPIPELINING\b/i.test(hello.text)) throw new Error('the server does not offer PIPELINING');
  }

  /** One message: MAIL, RCPT and DATA pipelined, then the stuffed bytes; the 250 after them. */
  async send({ from, to, data }) {
    if (this.dead) throw this.dead;
    const replies = this.expect(2 + to.length);
    this.socket.write(`MAIL FROM:<${from}>\r\n${to.map((address) => `RCPT TO:<${address}>\r\n`).join('')}DATA\r\n`);
    const answers = await Promise.all(replies);
    const refused = answers.find((reply, i) => (i === answers.length - 1 ? reply.code !== 354 : reply.code !== 250));
    if (refused) {
      // The server refused the envelope: it still expects a command, end the transaction.
      const [reset] = this.expect(1);
      this.socket.write('RSET\r\n');
      await reset;
      throw Object.assign(new Error(refused.text), { responseCode: refused.code });
    }
    const [done] = this.expect(1);
    for (const part of Array.isArray(data) ? data : [data]) this.socket.write(part);
    this.socket.write('.\r\n');
    const reply = await done;
    if (reply.code !== 250) throw Object.assign(new Error(reply.text), { responseCode: reply.code });
    return reply;
  }

  close() {
    this.socket.end('QUIT\r\n');
  }
}

/** Up to `connections` connections; a message waits for a free one. */
export function smtpPool({ host = '127.0.0.1', port, connections = 16, name = 'bench.local' }) {
  const idle = [];
  const queue = [];
  const all = [];
  let opening = 0;
  const next = () => {
    while (queue.length > 0) {
      const connection = idle.pop();
      if (connection) {
        run(connection, queue.shift());
        continue;
      }
      if (all.length + opening >= connections) return;
      opening++;
      const fresh = new Connection(host, port);
      fresh.open(name).then(
        () => {
          opening--;
          all.push(fresh);
          idle.push(fresh);
          next();
        },
        (error) => {
          opening--;
          queue.shift()?.reject(error);
          next();
        },
      );
    }
  };
  const run = (connection, job) => {
    connection.send(job.message).then(
      (reply) => {
        idle.push(connection);
        job.resolve(reply);
        next();
      },
      (error) => {
        if (!connection.dead) idle.push(connection);
        else all.splice(all.indexOf(connection), 1);
        job.reject(error);
        next();
      },
    );
  };
  return {
    /** `{ from, to: [..], data }`, `data` a Buffer or Buffers already dot-stuffed (see dotStuff), ending in CRLF. */
    send(message) {
      return new Promise((resolve, reject) => {
        queue.push({ message, resolve, reject });
        next();
      });
    },
    close() {
      for (const connection of all) connection.close();
    },
  };
}
