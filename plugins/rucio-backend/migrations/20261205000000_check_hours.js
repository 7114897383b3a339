// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('rucio_check_hours', table => {
    table.comment(
      'Each check of each environment per hour: the worst status, the last figure, how many collections; 8 days kept',
    );
    table.string('environment').notNullable();
    table.string('check').notNullable();
    // ISO-8601 UTC start of the hour: strings sort as times.
    table.string('hour').notNullable();
    table.string('status').notNullable();
    table.double('value').nullable();
    table.integer('collections').notNullable();
    table.primary(['environment', 'hour', 'check']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('rucio_check_hours');
};
