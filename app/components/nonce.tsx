import { createContext, useContext } from "react";

// The per-response CSP nonce, so Remix's inline scripts are allowed without 'unsafe-inline'.
const NonceContext = createContext("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
