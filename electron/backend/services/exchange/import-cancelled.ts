// A bundle import stopped by its user before its transaction: nothing was written.
export class ImportCancelled extends Error {
  constructor() {
    super('cancelled: nothing was imported');
    this.name = 'ImportCancelled';
  }
}
