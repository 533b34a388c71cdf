// The service's blob store: local files under DATA_DIR, AES-256-GCM encrypted with the master key.
// Shared by the server, the CLI and the packet job's child process.
import path from 'node:path';
import type { Config } from '../config.js';
import { EncryptedBlobStore, loadMasterKey } from './encrypted-blob-store.js';
import { LocalBlobStore } from './local-blob-store.js';

export function openBlobStore(config: Config): EncryptedBlobStore {
  const key = loadMasterKey({ masterKey: config.MASTER_KEY, keyFile: config.paths.keyFile });
  const store = new EncryptedBlobStore(new LocalBlobStore(config.paths.blobDir, config.paths.tmpDir), key);
  store.ensureKeyMatches(path.join(config.paths.dataDir, 'key-check.bin'));
  return store;
}
