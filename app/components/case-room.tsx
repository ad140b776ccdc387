// The live case room in the browser. Works without JavaScript (the page renders the history and
// the form posts normally); with it, ONE socket.io connection joins the room on every connect
// with the last message id it has, so a reconnect fetches exactly what was missed. Sends go
// through a queue keyed by clientMessageId and are retried until the server acknowledges that
// it stored them (the server ignores a resend). A consent change can hide the patient's name
// or end access while the page is open.
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { io, type Socket } from "socket.io-client";
import {
  MESSAGE_MAX,
  mergeMessages,
  newClientMessageId,
  type JoinAck,
  type MessageAck,
  type PresentPerson,
  type RoomCaseSummary,
  type RoomClientToServerEvents,
  type RoomMessage,
  type RoomServerToClientEvents,
  type RoomVisibility,
} from "~/lib/case-room";

type RoomSocket = Socket<RoomServerToClientEvents, RoomClientToServerEvents>;
type Pending = { clientMessageId: string; body: string };
type Status = "static" | "connecting" | "connected" | "offline" | "session" | "gone";

const ACK_TIMEOUT_MS = 8000;
const RETRY_MS = 2000;

const STATUS_TEXT: Record<Exclude<Status, "static" | "gone">, string> = {
  connecting: "Verbinding maken…",
  connected: "Live verbonden: nieuwe berichten verschijnen vanzelf.",
  offline: "Geen verbinding. Berichten die u verstuurt, gaan weg zodra de verbinding terug is.",
  session: "Uw sessie is verlopen. Log opnieuw in om verder te gaan.",
};

export type CaseRoomProps = {
  summary: RoomCaseSummary;
  visibility: Exclude<RoomVisibility, "none">;
  messages: RoomMessage[];
  /** For the form without JavaScript: a resubmitted form is stored once. */
  formClientMessageId: string;
  formError?: string;
  bodyError?: string;
  typedBody?: string;
};

export function CaseRoom(props: CaseRoomProps) {
  const caseId = props.summary.caseId;
  const [summary, setSummary] = useState(props.summary);
  const [visibility, setVisibility] = useState<RoomVisibility>(props.visibility);
  const [messages, setMessages] = useState(props.messages);
  const [present, setPresent] = useState<PresentPerson[] | null>(null);
  const [pending, setPending] = useState<Pending[]>([]);
  const [status, setStatus] = useState<Status>("static");
  const [sendError, setSendError] = useState<string | null>(null);

  const socketRef = useRef<RoomSocket | null>(null);
  const joinedRef = useRef(false);
  const lastIdRef = useRef(props.messages.reduce((max, m) => Math.max(max, m.id), 0));
  const queueRef = useRef<Pending[]>([]);
  const sendingRef = useRef(false);
  const retryRef = useRef<ReturnType<typeof setTimeout> | null>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const joinRef = useRef<(() => void) | null>(null);

  const receive = useCallback((incoming: RoomMessage[]) => {
    if (!incoming.length) return;
    for (const m of incoming) lastIdRef.current = Math.max(lastIdRef.current, m.id);
    setMessages((current) => mergeMessages(current, incoming));
  }, []);

  // A form post without JavaScript (or another revalidation) brings new loader data.
  useEffect(() => receive(props.messages), [props.messages, receive]);

  const setQueue = (next: Pending[]) => {
    queueRef.current = next;
    setPending(next);
  };

  /** Sends the queue in order, one acknowledged message at a time. */
  const flush = useCallback(async () => {
    const socket = socketRef.current;
    if (!socket || sendingRef.current) return;
    sendingRef.current = true;
    try {
      while (queueRef.current.length && socket.connected && joinedRef.current) {
        const item = queueRef.current[0];
        let ack: MessageAck;
        try {
          ack = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("room:message", { caseId, clientMessageId: item.clientMessageId, body: item.body });
        } catch {
          break; // no answer: keep it queued and send it again (the server stores it once)
        }
        if (ack.ok) {
          receive([ack.message]);
          setQueue(queueRef.current.filter((p) => p.clientMessageId !== item.clientMessageId));
        } else if (ack.reason === "not_joined") {
          joinedRef.current = false;
          joinRef.current?.(); // joins again, then sends
          break;
        } else if (ack.reason === "access") {
          setVisibility("none");
          setStatus("gone");
          socket.disconnect();
          break;
        } else if (ack.reason === "session") {
          setStatus("session");
          break;
        } else if (ack.reason === "invalid") {
          setQueue(queueRef.current.filter((p) => p.clientMessageId !== item.clientMessageId));
          setSendError(`Uw bericht is niet verstuurd: ${ack.error}`);
        } else {
          break;
        }
      }
    } finally {
      sendingRef.current = false;
    }
    if (queueRef.current.length && socket.connected && joinedRef.current) {
      if (retryRef.current) clearTimeout(retryRef.current);
      retryRef.current = setTimeout(() => void flush(), RETRY_MS);
    }
  }, [caseId, receive]);

  useEffect(() => {
    const socket: RoomSocket = io({ withCredentials: true });
    socketRef.current = socket;
    setStatus("connecting");

    const join = () => {
      socket.timeout(ACK_TIMEOUT_MS).emit("room:join", { caseId, lastMessageId: lastIdRef.current }, (err: Error | null, ack: JoinAck) => {
        if (err) {
          if (socket.connected) join();
          return;
        }
        if (!ack.ok) {
          joinedRef.current = false;
          if (ack.reason === "access") {
            setVisibility("none");
            setStatus("gone");
            socket.disconnect();
          } else if (ack.reason === "session") {
            setStatus("session");
          }
          return;
        }
        receive(ack.messages);
        setSummary(ack.summary);
        setVisibility(ack.visibility);
        setPresent(ack.present);
        if (ack.hasMore) return join();
        joinedRef.current = true;
        setStatus("connected");
        void flush();
      });
    };

    joinRef.current = join;
    socket.on("connect", () => {
      joinedRef.current = false;
      setStatus("connecting");
      join();
    });
    socket.on("disconnect", () => {
      joinedRef.current = false;
      setStatus((s) => (s === "gone" || s === "session" ? s : "offline"));
    });
    socket.on("connect_error", (error) => {
      setStatus(error.message === "unauthorized" ? "session" : "offline");
      if (error.message === "unauthorized") socket.disconnect();
    });
    socket.on("room:message", (message) => {
      if (message.caseId === caseId) receive([message]);
    });
    socket.on("room:presence", (update) => {
      if (update.caseId === caseId) setPresent(update.present);
    });
    socket.on("room:revoked", (revocation) => {
      if (revocation.caseId !== caseId) return;
      if (revocation.visibility === "none" || !revocation.summary) {
        setVisibility("none");
        setStatus("gone");
        setMessages([]);
        setQueue([]);
        socket.disconnect();
        return;
      }
      setVisibility(revocation.visibility);
      setSummary(revocation.summary);
    });

    return () => {
      if (retryRef.current) clearTimeout(retryRef.current);
      socket.removeAllListeners();
      socket.disconnect();
      socketRef.current = null;
      joinRef.current = null;
    };
  }, [caseId, flush, receive]);

  const enhanced = status !== "static";

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (!enhanced) return; // no live connection code running: the plain post does it
    event.preventDefault();
    const body = bodyRef.current?.value.trim() ?? "";
    if (!body) {
      setSendError("Typ een bericht.");
      bodyRef.current?.focus();
      return;
    }
    setSendError(null);
    setQueue([...queueRef.current, { clientMessageId: newClientMessageId(), body }]);
    if (bodyRef.current) bodyRef.current.value = "";
    bodyRef.current?.focus();
    void flush();
  };

  if (visibility === "none") {
    return (
      <div className="alert alert--error" role="alert">
        U heeft geen toegang meer tot deze casus.
      </div>
    );
  }

  const bodyError = sendError ?? props.bodyError;
  return (
    <div className="case-room">
      <section className="card" aria-labelledby="casus-samenvatting">
        <h2 id="casus-samenvatting">Casus</h2>
        <dl className="facts">
          <dt>Casuscode</dt>
          <dd>{summary.code}</dd>
          <dt>Regiotafel</dt>
          <dd>{summary.tableName}</dd>
          <dt>Patiënt</dt>
          <dd data-testid="patient">
            {visibility === "identified" && summary.patientName ? (
              summary.patientName
            ) : (
              <span className="muted">Zonder identiteit (de toestemming van de patiënt laat de naam voor u niet toe)</span>
            )}
          </dd>
        </dl>
      </section>

      <p className="case-room__status no-print" role="status">
        {status === "static" || status === "gone" ? "" : STATUS_TEXT[status]}
      </p>

      <section className="card no-print" aria-labelledby="aanwezig">
        <h2 id="aanwezig">Aanwezig</h2>
        {present === null ? (
          <p className="muted">Wie er aanwezig is, ziet u zodra de live verbinding er is.</p>
        ) : present.length ? (
          <ul className="plain case-room__present">
            {present.map((p) => (
              <li key={`${p.name}|${p.organisation}`}>
                {p.name} <span className="muted">({p.organisation})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Niemand.</p>
        )}
      </section>

      <section className="card" aria-labelledby="berichten">
        <h2 id="berichten">Berichten</h2>
        {messages.length === 0 && pending.length === 0 ? <p className="muted">Er zijn nog geen berichten.</p> : null}
        {/* The live region wraps the list, so the list keeps its list semantics (axe: listitem). */}
        <div role="log" aria-live="polite" aria-label="Berichten in het casusoverleg">
        <ol className="case-room__log">
          {messages.map((m) => (
            <li key={m.id} id={`bericht-${m.id}`} className="case-room__message">
              <p className="case-room__meta">
                <strong>{m.authorName}</strong> <span className="muted">({m.authorOrganisation})</span> ·{" "}
                <time dateTime={m.createdAt}>{m.time}</time>
              </p>
              <p className="case-room__body">{m.body}</p>
            </li>
          ))}
          {pending.map((p) => (
            <li key={p.clientMessageId} className="case-room__message case-room__message--pending">
              <p className="case-room__meta muted">Wordt verstuurd…</p>
              <p className="case-room__body">{p.body}</p>
            </li>
          ))}
        </ol>
        </div>
      </section>

      <section className="card no-print" aria-labelledby="nieuw-bericht">
        <h2 id="nieuw-bericht">Nieuw bericht</h2>
        {props.formError && !enhanced ? (
          <div className="alert alert--error" role="alert">{props.formError}</div>
        ) : null}
        <form method="post" onSubmit={onSubmit} noValidate={enhanced}>
          <input type="hidden" name="clientMessageId" value={props.formClientMessageId} />
          <div className={`field${bodyError ? " field--error" : ""}`}>
            <label htmlFor="bericht">Bericht</label>
            <p className="hint" id="bericht-hint">
              Deel alleen wat nodig is voor het overleg. Iedereen in deze casus leest mee; de patiënt kan inzage vragen.
            </p>
            <textarea
              id="bericht"
              name="body"
              ref={bodyRef}
              rows={3}
              maxLength={MESSAGE_MAX}
              required
              defaultValue={props.typedBody}
              aria-invalid={bodyError ? true : undefined}
              aria-describedby={`bericht-hint${bodyError ? " bericht-fout" : ""}`}
            />
            {bodyError ? (
              <p className="field-error" id="bericht-fout" role="alert">
                {bodyError}
              </p>
            ) : null}
          </div>
          <div className="actions">
            <button type="submit" className="button">Versturen</button>
          </div>
        </form>
      </section>
    </div>
  );
}
