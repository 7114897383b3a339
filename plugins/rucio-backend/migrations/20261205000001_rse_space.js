// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('rucio_rse_space', table => {
    table.comment(
      'Used and free bytes of each RSE at its detail reads: the last of each hour for 7 days, of each day for 90 days (no quotes: knex does not escape comments)',
    );
    table.string('environment').notNullable();
    table.string('rse').notNullable();
    // 'hour' or 'day'
    table.string('resolution', 8).notNullable();
    // ISO-8601 UTC start of the hour or day: strings sort as times.
    table.string('at', 32).notNullable();
    table.double('used_bytes').notNullable();
    table.double('free_bytes').nullable();
    table.double('total_bytes').nullable();
    table.primary(['environment', 'rse', 'resolution', 'at']);
    // The prune after each collection: old rows of one environment.
    table.index(['environment', 'resolution', 'at'], 'rucio_rse_space_age_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('rucio_rse_space');
};
