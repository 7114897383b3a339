// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('rucio_snapshots', table => {
    table.comment('The latest collection of each Rucio environment');
    table.string('environment').primary().notNullable();
    table.string('collected_at').notNullable();
    table.text('snapshot', 'longtext').notNullable();
    table.text('rses', 'longtext').nullable();
  });
  await knex.schema.createTable('rucio_history', table => {
    table.comment('Status of each check over time, for the history strips');
    table.bigIncrements('id');
    table.string('environment').notNullable();
    table.string('check').notNullable();
    table.string('status').notNullable();
    table.string('checked_at').notNullable();
    table.index(['environment', 'checked_at'], 'rucio_history_env_time_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('rucio_history');
  await knex.schema.dropTable('rucio_snapshots');
};
